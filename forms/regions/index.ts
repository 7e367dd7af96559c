import type { RegionalAuthority } from "../authorities";
import { brussels } from "./brussels";
import { dg } from "./dg";
import { flanders } from "./flanders";
import type { RegionForm } from "./region-form";
import { wallonia } from "./wallonia";

/** Every authority's part of the universal form. A new authority is a new file and a line here. */
export const REGION_FORMS: Record<RegionalAuthority, RegionForm> = { flanders, wallonia, brussels, dg };

export type { RegionForm };
