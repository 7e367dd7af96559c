import type { MetaFunction } from "@remix-run/node";
import { ResidenceQueue } from "../components/residence";
import { pageTitle } from "../root-data";
import { queueLoader } from "./__residence.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(data?.title, matches);

export const loader = queueLoader("commune");

export default ResidenceQueue;
