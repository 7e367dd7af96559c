import { dg } from "../../forms/regions/dg";
import { ownStepThenSeason, type RegionFlow } from "./region-flow";

/** The German-speaking Community asks for its model contract, then the season's sector and dates for seasonal work. */
export const dgFlow: RegionFlow = { form: dg, machine: ownStepThenSeason("dg", "dg-contract") };
