import type { RegionalAuthority } from "../../forms/authorities";
import { brusselsFlow } from "./brussels";
import { dgFlow } from "./dg";
import { flandersFlow } from "./flanders";
import type { RegionFlow } from "./region-flow";
import { walloniaFlow } from "./wallonia";

/** Every competent authority's flow. A new authority is a file here, one in forms/regions/, and a line in each index. */
export const REGION_FLOWS: Record<RegionalAuthority, RegionFlow> = {
  flanders: flandersFlow,
  wallonia: walloniaFlow,
  brussels: brusselsFlow,
  dg: dgFlow,
};

export { regionStepIds, type RegionFacts, type RegionFlow } from "./region-flow";
