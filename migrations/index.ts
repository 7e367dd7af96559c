import type { Migration } from "kysely";
import * as foundation from "./2026_11_22_0001_foundation";
import * as caseHandling from "./2026_11_22_0002_case_handling";
import * as delivery from "./2026_11_23_0003_delivery_and_cadastre";
import * as typedApplicationColumns from "./2026_11_27_0004_typed_application_columns";
import * as sessions from "./2026_11_27_0006_sessions";
import * as hostileInput from "./2026_11_27_0007_hostile_input";
import * as scale from "./2026_11_27_0008_scale";
import * as mandateValidity from "./2026_11_27_0009_mandate_validity";
import * as timesAndSeasons from "./2026_11_27_0010_times_and_seasons";
import * as pendingDecisions from "./2026_11_27_0011_pending_decisions";
import * as changeOfEmployer from "./2026_11_27_0012_change_of_employer";
import * as unemploymentPeriods from "./2026_11_27_0013_unemployment_periods";
import * as postAndCommune from "./2026_11_27_0014_post_and_commune";
import * as signalsAndCadastreRecords from "./2026_11_27_0016_signals_and_cadastre_records";
import * as revocationChain from "./2026_11_27_0017_revocation_chain";
import * as searchWithoutNationalNumber from "./2026_11_27_0018_search_without_national_number";
import * as registerStubs from "./2026_11_28_0019_register_stubs";

/**
 * Every migration, by name, in the order they run. Listed here (not read from the
 * directory) so the same list works in the bundled server, in tsx scripts and in tests.
 */
export const migrations: Record<string, Migration> = {
  "2026_11_22_0001_foundation": foundation,
  "2026_11_22_0002_case_handling": caseHandling,
  "2026_11_23_0003_delivery_and_cadastre": delivery,
  "2026_11_27_0004_typed_application_columns": typedApplicationColumns,
  "2026_11_27_0006_sessions": sessions,
  "2026_11_27_0007_hostile_input": hostileInput,
  "2026_11_27_0008_scale": scale,
  "2026_11_27_0009_mandate_validity": mandateValidity,
  "2026_11_27_0010_times_and_seasons": timesAndSeasons,
  "2026_11_27_0011_pending_decisions": pendingDecisions,
  "2026_11_27_0012_change_of_employer": changeOfEmployer,
  "2026_11_27_0013_unemployment_periods": unemploymentPeriods,
  "2026_11_27_0014_post_and_commune": postAndCommune,
  "2026_11_27_0016_signals_and_cadastre_records": signalsAndCadastreRecords,
  "2026_11_27_0017_revocation_chain": revocationChain,
  "2026_11_27_0018_search_without_national_number": searchWithoutNationalNumber,
  "2026_11_28_0019_register_stubs": registerStubs,
};
