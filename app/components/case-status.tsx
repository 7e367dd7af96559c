import type { TFunction } from "i18next";
import { withWhom, type CaseStatus } from "../../workflows/case-status";

/**
 * Where a case is, in the applicant's words: whose turn it is ("with the Flemish
 * authority", "with the Immigration Office", "waiting for you") or how it ended.
 */
export function caseWhereabouts(
  t: TFunction,
  status: string,
  authority: string | null,
  audience: "applicant" | "officer" = "applicant",
): string {
  if (status === "draft") return t("status.draft");
  switch (withWhom(status as CaseStatus)) {
    case "region":
      return t(`status.withAuthority.${authority ?? "unknown"}`);
    case "oe":
      return t("status.withOe");
    case "applicant":
      return t(audience === "officer" ? "status.waitingForApplicant" : "status.waitingForYou");
    default:
      return t(`status.final.${status}`);
  }
}

export function CaseStatusTag({
  t,
  status,
  authority,
  audience = "applicant",
}: {
  t: TFunction;
  status: string;
  authority: string | null;
  audience?: "applicant" | "officer";
}) {
  return <strong className={`tag tag--${status}`}>{caseWhereabouts(t, status, authority, audience)}</strong>;
}
