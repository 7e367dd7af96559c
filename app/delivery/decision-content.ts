import type { TFunction } from "i18next";
import { appealRouteOf, decidedByOf, type DecisionDocumentType } from "./decision-types";

/**
 * What a decision document says, in one language: who issues it, its title, its legal
 * basis (the annex where one exists), what it decides, and how to challenge it (body,
 * term, how to lodge). The PDF, the e-Box message and the applicant's page all take their
 * words from here, so they cannot disagree. Layout is the PDF renderer's business.
 */
export interface DecisionContent {
  issuer: string;
  title: string;
  subtitle: string;
  body: string;
  /** The appeal: body, term and how; null for a grant. */
  appeal: string | null;
}

/** Grants keep the wording of the annexes as they were; every other document has its own. */
const LEGACY_KEYS: Partial<Record<DecisionDocumentType, true>> = { "46": true, "47": true };

export function appealText(t: TFunction, type: DecisionDocumentType, authority: string): string | null {
  switch (appealRouteOf(type)) {
    case "regional-minister":
      return t(`decision.appeal.regional.${authority}`, { defaultValue: t("decision.appeal.regional.unknown") });
    case "council-of-state":
      return t("decision.appeal.councilOfState");
    case "call":
      return t("decision.appeal.call");
    case "none":
      return null;
  }
}

/** The words of a document of this type, for a case with this (regional) competent authority. */
export function decisionContent(t: TFunction, type: DecisionDocumentType, authority: string): DecisionContent {
  const issuer = decidedByOf(type) === "region" ? t(`authority.${authority}`) : t("authority.oe");
  const values = { authority: t(`authority.${authority}`) };
  if (LEGACY_KEYS[type]) {
    return { issuer, title: t(`pdf.title.${type}`), subtitle: t(`pdf.subtitle.${type}`), body: t(`pdf.body.${type}`), appeal: null };
  }
  const body = t(`decision.${type}.body`, values);
  return {
    issuer,
    title: t(`decision.${type}.title`, values),
    subtitle: t(`decision.${type}.subtitle`, values),
    // After the end of the employment, the worker has 90 days to find an employer (agii.be).
    body: type === "end-of-employment" ? `${body}\n${t("decision.searchPeriod")}` : body,
    appeal: appealText(t, type, authority),
  };
}

/** The commune's annex 51: the worker may stay until his search period ends, his card having expired (app/revocation). */
export function annex51Content(t: TFunction, commune: string): DecisionContent {
  return { issuer: commune, title: t("pdf.title.51"), subtitle: t("pdf.subtitle.51"), body: t("pdf.body.51"), appeal: null };
}

/**
 * The commune's annex 49 (Royal Decree of 8 Oct 1981; issue 14): the worker is registered and
 * may stay and work while his residence card is made — or, for a renewal the region approved,
 * while the OE decides (proof of the pending application). No appeal: it decides nothing.
 */
export function annex49Content(t: TFunction, commune: string, pendingRenewal = false): DecisionContent {
  return { issuer: commune, title: t("pdf.title.49"), subtitle: t("pdf.subtitle.49"), body: t(pendingRenewal ? "pdf.body.49pending" : "pdf.body.49"), appeal: null };
}
