import type { MetaFunction } from "@remix-run/node";
import { ResidenceCase } from "../components/residence";
import { pageTitle } from "../root-data";
import { caseAction, caseLoader } from "./__residence.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(data?.title, matches);

export const loader = caseLoader("diplomatic-post");
export const action = caseAction("diplomatic-post");

export default ResidenceCase;
