/**
 * What the outbox carries: one variant per kind, the kind and its payload tied together.
 * The writers (decision-effects, notices) build these, the deliverer switches on the kind.
 * Pure: no I/O, so the worker and the tests share one definition of a well-formed message.
 */

/** An e-Box: an enterprise's (by enterprise number) or a person's (by national/BIS number). */
export interface Recipient {
  kind: "enterprise" | "person" | "post";
  id: string;
}

import { DECISION_DOCUMENT_TYPES, type DecisionDocumentType } from "../delivery/decision-types";

/** Which decision document: by decider (app/delivery/decision-types.ts). */
export type { DecisionDocumentType };

/** A decision's PDF for one e-Box, rendered at delivery from the decision at `caseVersion`. */
export interface DecisionDocumentPayload {
  type: DecisionDocumentType;
  /** As stored on the case; the deliverer falls back to French for one it does not know. */
  language: string;
  /** A copy in the applicant's interface language, besides the one in the procedure language. */
  courtesy: boolean;
  /** The enterprise's copy of an annex 46 for a worker abroad with no national number: to forward to him. */
  forward?: boolean;
  recipient: Recipient;
  caseVersion: number;
}

export const NOTICE_TEMPLATES = [
  "reminder",
  "endOfStay",
  "endOfSeason",
  "endOfStayRevoked",
  "endOfStayEmploymentEnded",
  // The unemployment period (app/permits/unemployment.server.ts): to the employer warned of the stay's end, and to the worker.
  "endOfStayUnemployment",
  "unemploymentStarted",
  "unemploymentRunOut",
  // The revocation chain (app/revocation/revocation.server.ts): to the worker, and to the employer at the stay's end.
  "revocationInformedSearch",
  "revocationInformedEnded",
  "revocationInformedRevoked",
  "revocationInformedByOe",
  "revocationAnnex51",
  "revocationStayEndedSearch",
  "revocationStayEndedRevoked",
  "revocationStayEndedEmployer",
] as const;

export type NoticeTemplate = (typeof NOTICE_TEMPLATES)[number];

/** A short e-Box notice: a translated template filled with `values`. */
export interface NoticePayload {
  recipient: Recipient;
  language: string;
  template: NoticeTemplate;
  values: Record<string, string | number>;
  /** The worker has no national number, so no e-Box: the employer's copy, to forward to him (as the annex 46's). */
  forward?: boolean;
  /** The notice tells of a decision: its appeal (body and term) is that of this document type (decision-content.ts). */
  appeal?: { type: DecisionDocumentType; authority: string };
}

/** The permit's state for inspectors; "inadmissible" and "ended" (after the end of employment) since issue 13. */
export type CadastreStatus = "valid" | "refused" | "revoked" | "inadmissible" | "ended";

/** The permit's state for the Limosa cadastre as of `caseVersion`; the rest is read at delivery. */
export interface CadastreFeedPayload {
  caseVersion: number;
  status: CadastreStatus;
  /** "YYYY-MM-DD" */
  statusOn: string;
  reason: string | null;
}

export type UnemploymentStatus = "running" | "stopped" | "run-out";

/** An unemployment period for the Limosa cadastre, whole: the deliverer reads nothing else. */
export interface CadastreUnemploymentPayload {
  caseReference: string;
  /** Null when the portal does not know it (a period the revocation chain started). */
  workerPersonNumber: string | null;
  /** "YYYY-MM-DD" */
  startsOn: string;
  endsOn: string;
  status: UnemploymentStatus;
  statusOn: string;
}

/** A step after the grant (visa, arrival, registration, annex 49, card) for the cadastre's history of the permit. */
export interface CadastreStepPayload {
  /** The history line's name: visa-issued, visa-refused, arrival-declared, registered, annex-49-issued, card-issued; and the revocation chain's commune-instructed, worker-informed, annex-51-issued, stay-ended, struck-off. */
  step: string;
  /** "YYYY-MM-DD" */
  on: string;
  /** What the line adds: the card's type and validity, the refusal's reason, the day of entry. */
  detail: string | null;
}

export type OutboxMessage =
  | { kind: "ebox.document"; payload: DecisionDocumentPayload }
  | { kind: "cadastre.step"; payload: CadastreStepPayload }
  | { kind: "ebox.notice"; payload: NoticePayload }
  | { kind: "cadastre.feed"; payload: CadastreFeedPayload }
  | { kind: "cadastre.unemployment"; payload: CadastreUnemploymentPayload };

export type OutboxKind = OutboxMessage["kind"];

/** What a writer enqueues: a message, the key naming its intent, its case, and when it is due. */
export type OutboxEntry = OutboxMessage & { key: string; applicationId: string | null; at?: Date };

export type ParsedOutboxMessage = { ok: true; message: OutboxMessage } | { ok: false; reason: string };

/**
 * Reads a message back from a row. The database holds whatever was once written (by an
 * older version, by hand, by a newer worker with a kind this one does not know), so the
 * kind and every field of the payload are checked, and the payload returned holds only the
 * known fields. A refusal says which field is wrong.
 */
export function parseOutboxMessage(kind: string, json: unknown): ParsedOutboxMessage {
  try {
    switch (kind) {
      case "ebox.document": {
        const fields = payloadFields(json);
        return {
          ok: true,
          message: {
            kind,
            payload: {
              type: field(fields, "type", oneOf(...DECISION_DOCUMENT_TYPES)),
              language: field(fields, "language", isString),
              courtesy: field(fields, "courtesy", isBoolean),
              recipient: field(fields, "recipient", isRecipient),
              caseVersion: field(fields, "caseVersion", isCaseVersion),
              ...(fields.forward === true ? { forward: true } : {}),
            },
          },
        };
      }
      case "cadastre.step": {
        const fields = payloadFields(json);
        return {
          ok: true,
          message: {
            kind,
            payload: {
              step: field(fields, "step", oneOf("visa-issued", "visa-refused", "arrival-declared", "registered", "annex-49-issued", "card-issued", "commune-instructed", "worker-informed", "annex-51-issued", "stay-ended", "struck-off")),
              on: field(fields, "on", isString),
              detail: field(fields, "detail", isStringOrNull),
            },
          },
        };
      }
      case "ebox.notice": {
        const fields = payloadFields(json);
        return {
          ok: true,
          message: {
            kind,
            payload: {
              recipient: field(fields, "recipient", isRecipient),
              language: field(fields, "language", isString),
              template: field(fields, "template", oneOf(...NOTICE_TEMPLATES)),
              values: field(fields, "values", isTemplateValues),
              ...(fields.forward === true ? { forward: true } : {}),
              ...(Object.hasOwn(fields, "appeal") ? { appeal: field(fields, "appeal", isAppeal) } : {}),
            },
          },
        };
      }
      case "cadastre.feed": {
        const fields = payloadFields(json);
        return {
          ok: true,
          message: {
            kind,
            payload: {
              caseVersion: field(fields, "caseVersion", isCaseVersion),
              status: field(fields, "status", oneOf("valid", "refused", "revoked", "inadmissible", "ended")),
              statusOn: field(fields, "statusOn", isString),
              reason: field(fields, "reason", isStringOrNull),
            },
          },
        };
      }
      case "cadastre.unemployment": {
        const fields = payloadFields(json);
        return {
          ok: true,
          message: {
            kind,
            payload: {
              caseReference: field(fields, "caseReference", isString),
              workerPersonNumber: field(fields, "workerPersonNumber", isStringOrNull),
              startsOn: field(fields, "startsOn", isString),
              endsOn: field(fields, "endsOn", isString),
              status: field(fields, "status", oneOf("running", "stopped", "run-out")),
              statusOn: field(fields, "statusOn", isString),
            },
          },
        };
      }
      default:
        return { ok: false, reason: `unknown kind ${JSON.stringify(kind)}` };
    }
  } catch (error) {
    if (error instanceof FieldRefused) return { ok: false, reason: `${kind}: ${error.message}` };
    throw error;
  }
}

type Fields = Record<string, unknown>;

/** A check of one field: a type guard, and what it expects, for the refusal. */
interface Check<T> {
  (value: unknown): value is T;
  expected: string;
}

/** Thrown by `field` only, caught by `parseOutboxMessage`: keeps each variant one expression. */
class FieldRefused extends Error {}

function field<T>(fields: Fields, name: string, check: Check<T>): T {
  if (!Object.hasOwn(fields, name)) throw new FieldRefused(`"${name}" is missing`);
  const value = fields[name];
  if (!check(value)) throw new FieldRefused(`"${name}" is not ${check.expected}`);
  return value;
}

function payloadFields(json: unknown): Fields {
  if (!isFields(json)) throw new FieldRefused("the payload is not an object");
  return json;
}

function checkOf<T>(expected: string, guard: (value: unknown) => value is T): Check<T> {
  return Object.assign(guard, { expected });
}

function isFields(value: unknown): value is Fields {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const isString = checkOf("a string", (value): value is string => typeof value === "string");
const isBoolean = checkOf("true or false", (value): value is boolean => typeof value === "boolean");
const isStringOrNull = checkOf("a string or null", (value): value is string | null => value === null || typeof value === "string");
// Case versions start at 1 and only grow.
const isCaseVersion = checkOf("a whole number from 1", (value): value is number => typeof value === "number" && Number.isSafeInteger(value) && value >= 1);

function oneOf<T extends string>(...options: readonly T[]): Check<T> {
  const known: readonly string[] = options;
  return checkOf(`one of ${options.join(", ")}`, (value): value is T => typeof value === "string" && known.includes(value));
}

const isRecipientKind = oneOf("enterprise", "person", "post");
const isRecipient = checkOf(
  `{ kind: ${isRecipientKind.expected}; id: a string }`,
  (value): value is Recipient => isFields(value) && isRecipientKind(value.kind) && typeof value.id === "string",
);

const isDocumentType = oneOf(...DECISION_DOCUMENT_TYPES);
const isAppeal = checkOf(
  `{ type: ${isDocumentType.expected}; authority: a string }`,
  (value): value is { type: DecisionDocumentType; authority: string } => isFields(value) && isDocumentType(value.type) && typeof value.authority === "string",
);

const isTemplateValues = checkOf(
  "an object of strings and numbers",
  (value): value is Record<string, string | number> =>
    isFields(value) && Object.values(value).every((v) => typeof v === "string" || (typeof v === "number" && Number.isFinite(v))),
);
