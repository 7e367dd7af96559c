import type { TFunction } from "i18next";
import { Link } from "@remix-run/react";
import type { CaseExpectation } from "../../workflows/processing-times";
import { formatCount, formatDate } from "./format";
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

/**
 * The applicant's expectation, from the published processing times of his region and
 * category (the same figures as /processing-times/<region>): dated from the day his file
 * was complete, or as a number of days before that; "too few" rather than a misleading median.
 */
export function ExpectedDecision({
  t,
  language,
  expectation,
  authority,
}: {
  t: TFunction;
  language: string;
  expectation: CaseExpectation & { category: string };
  authority: string;
}) {
  const date = (day: string) => formatDate(`${day}T12:00:00Z`, language);
  const like = { category: t(`categoryName.${expectation.category}`), authority: t(`authority.${authority}`) };
  return (
    <section className="notice" aria-labelledby="expectation-title">
      <h2 id="expectation-title">{t("processingTimes.caseTitle")}</h2>
      <p>
        {expectation.kind === "dated"
          ? t("processingTimes.caseDated", {
              ...like,
              complete: date(expectation.completeOn),
              typical: date(expectation.expected.typicalOn),
              latest: date(expectation.expected.latestOn),
            })
          : expectation.kind === "not-complete"
            ? t("processingTimes.caseNotComplete", {
                ...like,
                median: formatCount(expectation.figures.medianDays, language),
                p90: formatCount(expectation.figures.p90Days, language),
              })
            : t("processingTimes.caseTooFew", like)}
      </p>
      <p>
        <Link to={`/processing-times/${authority}`}>{t("processingTimes.caseLink", { authority: like.authority })}</Link>
      </p>
    </section>
  );
}
