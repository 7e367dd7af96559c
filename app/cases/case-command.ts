import type { RegionalAuthority } from "../../forms/authorities";
import type { InadmissibilityGround, RevocationGround } from "../../workflows/case-lifecycle";
import type { ClockCategory } from "../../workflows/legal-clock";
import type { Viewer } from "./access.server";

/** A lifecycle command on a case, as the case pages, the sweeps and the deliverer send it. */
export type CaseCommand =
  | { type: "WITHDRAW" | "DOCUMENTS_PROVIDED" }
  /** A positive step; the officer may say why (kept in the history, shown to the applicant). */
  | { type: "DECLARE_COMPLETE" | "AUTHORISE_WORK" | "PRE_CHECKS_DONE" | "GRANT_RESIDENCE"; reason?: string }
  | { type: "REFUSE_WORK" | "REFUSE_RESIDENCE" | "END_EMPLOYMENT" | "EXTEND_TERM" | "EMPLOYER_CHANGED"; reason: string }
  | { type: "REVOKE"; reason: string; ground?: RevocationGround }
  | { type: "DECLARE_INADMISSIBLE"; reason: string; ground: InadmissibilityGround }
  | { type: "SET_CLOCK_CATEGORY"; category: ClockCategory; reason: string }
  | { type: "REROUTE"; to: RegionalAuthority; reason: string }
  | { type: "REQUEST_DOCUMENTS"; message: string; items: string[] }
  /** The sweep: a request for documents was due on `dueOn` and is still unanswered. */
  | { type: "REQUEST_LAPSED"; dueOn: string }
  | { type: "DEEMED_GRANT" | "DEADLINE_MISSED" | "PERMIT_ISSUED" };

/** Who acts, and in which capacity: the access rule checks the capacity, the machine the step. */
export type Acting = Viewer;
