import { brussels } from "../../forms/regions/brussels";
import { ownStepThenSeason, type RegionFlow } from "./region-flow";

/**
 * Brussels-Capital asks for its model contract (and, of intra-corporate transferees, the
 * time in the group), then the season's sector and dates for seasonal work.
 */
export const brusselsFlow: RegionFlow = { form: brussels, machine: ownStepThenSeason("brussels", "brussels-contract") };
