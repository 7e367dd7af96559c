import { wallonia } from "../../forms/regions/wallonia";
import { ownStepThenSeason, type RegionFlow } from "./region-flow";

/** Wallonia asks the employer's declarations (solvency, model contract), then the season's sector and dates for seasonal work. */
export const walloniaFlow: RegionFlow = { form: wallonia, machine: ownStepThenSeason("wallonia", "wallonia-declarations") };
