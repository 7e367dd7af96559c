import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyCaseCommand } from "../../app/cases/case-commands.server";
import { termSourceKey } from "../../app/cases/case-view.server";
import { savePendingDecision } from "../../app/cases/cases.repository";
import { submitPermanentApplication } from "../../app/cases/filing.server";
import type { DB } from "../../app/db/db.server";
import { seedDemoData } from "../../app/demo/seed.server";
import { deliverPending, localChannels } from "../../app/delivery/delivery.server";
import { localDocumentStore } from "../../app/documents/store.server";
import { draftDocuments, loadFormDraft, saveStep, startApplication, updateDraftDocuments } from "../../app/drafts/drafts.server";
import type { User } from "../../app/identity/user";
import { LANGUAGE_COOKIE } from "../../app/i18n/config";
import { recordResidenceStep } from "../../app/residence/residence.server";
import { recordRevocationStep } from "../../app/revocation/revocation.server";
import { documentItemField } from "../../forms/documents";
import { validatePermanentApplication } from "../../forms/permanent-application";
import { addDays, TERMS, todayInBelgium } from "../../workflows/legal-clock";
import { fileFor, validApplication } from "../support/applications";
import { answerSignal, fileSignal } from "../../app/inspection/signals.server";
import { importCadastreBatch } from "../../app/inspection/cadastre-import.server";
import demoCadastreRecords from "../../app/demo/cadastre-records.json";
import { PDF } from "../support/files";
import { startRenderedApp } from "../support/rendered-app";
import { demoUser, openBrowserSession, type BrowserSession } from "../support/users";
import { openTestDatabase } from "../support/test-db";

/**
 * Issue 18, point 5: every page a person can reach, rendered by the whole app (Remix's
 * request handler over the real routes, root and error boundaries) in French, Dutch,
 * German and English. On the text a person sees or hears (the tags stripped; scripts,
 * styles and JSON left out; alt, aria-label, title, placeholder and the value of submit
 * buttons kept) it fails on
 *   1. a raw translation key (a key of locales/en/common.json, which is what i18next
 *      prints for a missing one), or an interpolation left as {{name}};
 *   2. on a French, Dutch or German page, an English sentence: any run of three words or
 *      more of an English locale value that is on the page while that language's value of
 *      the same key differs (a value the same in every language, such as "e-Box", is no
 *      English left behind), unless it is a proper name on the allow-list below.
 */

const LANGUAGES = ["fr", "nl", "de", "en"] as const;
type Lang = (typeof LANGUAGES)[number];
type Tree = { [key: string]: string | Tree };

const locales = Object.fromEntries(LANGUAGES.map((language) => [language, JSON.parse(readFileSync(`locales/${language}/common.json`, "utf8")) as Tree])) as Record<Lang, Tree>;

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [inner, text] of flatten(value, path)) out.set(inner, text);
  }
  return out;
}
const FLAT = Object.fromEntries(LANGUAGES.map((language) => [language, flatten(locales[language])])) as Record<Lang, Map<string, string>>;

/** Every key as i18next would print it when missing: the full path, and without a plural or context suffix. */
const KEYS = new Set<string>();
for (const key of FLAT.en.keys()) {
  KEYS.add(key);
  KEYS.add(key.replace(/_(zero|one|two|few|many|other)$/, ""));
}

/** Proper names and terms that are the same in every language: never "English left behind". */
const ALLOW = [
  "e-Box",
  "Limosa",
  "Single Permit",
  // The demo seed's persons and enterprises.
  "Tuinbouw De Wilde BV",
  "Logistique Meuse SA",
  "Brussels Digital Solutions SRL",
  "Eupener Maschinenbau GmbH",
  "Pieter De Wilde",
  "Sofie Peeters",
];

const norm = (text: string) => text.replace(/\s+/g, " ").trim();
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The English runs to look for: each English value cut at its interpolations ({{x}}), its
 * <Trans> tags (<1>…</1>) and its line breaks, keeping the pieces of three words or more.
 */
interface EnglishRun {
  key: string;
  run: string;
  pattern: RegExp;
}
const ENGLISH_RUNS: Record<Exclude<Lang, "en">, EnglishRun[]> = { fr: [], nl: [], de: [] };
for (const [key, english] of FLAT.en) {
  const runs = english
    .split(/\{\{[^}]*\}\}|<\/?\d+\/?>|<\/?[a-z]+\/?>|\n/)
    .map(norm)
    .map((piece) => piece.replace(/^[\s,;:.–-]+|[\s,;:–-]+$/g, ""))
    .filter((piece) => piece.split(" ").filter((word) => /\p{L}/u.test(word)).length >= 3);
  for (const language of ["fr", "nl", "de"] as const) {
    const own = FLAT[language].get(key);
    if (own !== undefined && norm(own) === norm(english)) continue; // the same in both languages on purpose
    for (const run of runs) {
      if (ALLOW.some((name) => run.includes(name) && norm(run.replace(name, "")).split(" ").filter(Boolean).length < 3)) continue;
      if (own !== undefined && norm(own).includes(run)) continue; // this language keeps that run too (a name, a code)
      ENGLISH_RUNS[language].push({ key, run, pattern: new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(run)}(?![\\p{L}\\p{N}])`, "u") });
    }
  }
}

const decode = (html: string) =>
  html
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, decimal: string) => String.fromCodePoint(Number(decimal)))
    .replace(/&nbsp;/g, " ")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

const INLINE = /^(a|abbr|b|bdi|bdo|code|data|em|i|kbd|mark|q|s|small|span|strong|sub|sup|time|u|var)$/i;
const SHOWN_ATTRIBUTES = /\s(alt|aria-label|title|placeholder)="([^"]*)"/g;

/** What a person sees or hears on the page, as lines of text. */
export function visibleText(html: string): string {
  const withoutCode = html
    .replace(/<script\b[\s\S]*?<\/script>/gi, " ")
    .replace(/<style\b[\s\S]*?<\/style>/gi, " ")
    .replace(/<template\b[\s\S]*?<\/template>/gi, " ")
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<!DOCTYPE[^>]*>/gi, "");
  const text = withoutCode.replace(/<(\/?)([a-zA-Z][\w-]*)([^>]*)>/g, (_, _slash: string, tag: string, attributes: string) => {
    const shown = [...attributes.matchAll(SHOWN_ATTRIBUTES)].map((match) => match[2]);
    if (/^input$/i.test(tag) && /\stype="(submit|button|reset)"/i.test(attributes)) {
      const value = /\svalue="([^"]*)"/.exec(attributes);
      if (value) shown.push(value[1]);
    }
    const extra = shown.length > 0 ? `\n${shown.join("\n")}\n` : "";
    return INLINE.test(tag) ? extra : `\n${extra}`;
  });
  return decode(text)
    .split("\n")
    .map(norm)
    .filter(Boolean)
    .join("\n");
}

/** The failures of one page in one language. */
function problems(text: string, language: Lang): string[] {
  const found: string[] = [];
  for (const token of text.match(/[A-Za-z][\w-]*(?:\.[A-Za-z][\w-]*)+/g) ?? []) {
    if (KEYS.has(token)) found.push(`raw key "${token}"`);
  }
  for (const leftover of text.match(/\{\{[^}]*\}\}/g) ?? []) found.push(`interpolation left: ${leftover}`);
  if (language !== "en") {
    const lines = text.split("\n");
    for (const { key, run, pattern } of ENGLISH_RUNS[language]) {
      const line = lines.find((candidate) => pattern.test(candidate));
      if (line) found.push(`English "${run}" (${key}) in: ${line.slice(0, 160)}`);
    }
    // English the locale files do not hold (a text written into a component): a line with two of English's own small words.
    for (const line of text.split("\n")) {
      const words = line.toLowerCase().match(/\p{L}+/gu) ?? [];
      const english = words.filter((word) => ENGLISH_ONLY.has(word));
      if (new Set(english).size >= 2 && !ALLOW.some((name) => line.includes(name))) found.push(`English words (${english.join(", ")}) in: ${line.slice(0, 160)}`);
    }
  }
  return found;
}

/** Small words that are English and no word of French, Dutch or German. */
const ENGLISH_ONLY = new Set(["the", "and", "by", "for", "from", "within", "your", "you", "with", "this", "which", "been", "should", "would", "their", "please", "there", "these", "those", "cannot", "must"]);

/** How many English runs of the locale an English page shows: the extraction is working when it is more than none. */
function englishRunsOn(text: string): number {
  const lines = text.split("\n");
  return ENGLISH_RUNS.nl.filter(({ pattern }) => lines.some((line) => pattern.test(line))).length;
}

// ---------------------------------------------------------------------------------------
// The app, the people and their cases.

let db: DB;
let drop: () => Promise<void>;
let app: Awaited<ReturnType<typeof startRenderedApp>>;
let documentsDir: string;
const TODAY = todayInBelgium(new Date());
const ORIGIN = "http://localhost";

type Session = BrowserSession;
const users: Record<string, User> = {};
const sessions: Record<string, Session> = {};
const T: Record<string, string> = {};

const openSessionFor = (user: User): Promise<Session> => openBrowserSession(db, user, user.actingFor?.employerId, "four-languages");

const DRAFT_STEPS = (): [string, Record<string, string>][] => [
  ["employer", {}],
  ["worker", { givenNames: "Milan", familyName: "Jovanović", nationality: "RS", birthDate: "1992-07-07", passportNumber: "RS7654321", personNumber: "", livesIn: "abroad", visaPost: "belgrade" }],
  [
    "employment",
    { category: "other", jobTitle: "Greenhouse technician", placeOfWorkPostalCode: "3800", contractStart: addDays(TODAY, 60), employmentEnd: addDays(TODAY, 420), grossAnnualSalary: "34000" },
  ],
  ["flanders-labour-market", { vacancyReference: "VDAB-1234567", vacancyPublishedOn: addDays(TODAY, -84), publishedOnEures: "yes" }],
  ["residence", { feeStatus: "paid", feePaidOn: addDays(TODAY, -10), healthInsurance: "mutuality" }],
];

const WORKER = { givenNames: "Milan", familyName: "Jovanović", nationality: "RS", birthDate: "1992-07-07", personNumber: "", placeOfWorkPostalCode: "3800", jobTitle: "Greenhouse technician", employmentEnd: "", category: "other", grossAnnualSalary: "34000" };

beforeAll(async () => {
  documentsDir = mkdtempSync(join(tmpdir(), "sp-four-languages-"));
  process.env.DOCUMENTS_DIR = documentsDir;
  ({ db, drop } = await openTestDatabase());
  await seedDemoData(db);
  app = await startRenderedApp(db);
  for (const [who, login, actingFor] of [
    ["employer", "employer", "Tuinbouw De Wilde BV"],
    ["secretariat", "secretariat", "Tuinbouw De Wilde BV"],
    ["worker", "worker"],
    ["resident", "resident"],
    ["officer", "officer.flanders"],
    ["oe", "officer.oe"],
    ["inspector", "inspector"],
    ["dpo", "dpo"],
    ["post", "post.casablanca"],
    ["commune", "commune.antwerpen"],
  ] as const) {
    users[who] = await demoUser(db, login, actingFor);
    sessions[who] = await openSessionFor(users[who]);
  }
  // A filed case of enterprise A, in Flanders.
  T.filed = (await fileFor(db, users.employer!, await validApplication({ ...WORKER, passportNumber: "RS7700001" }, TODAY), "nl")).id;
  T.filedVersion = String((await db.selectFrom("applications").select("version").where("id", "=", T.filed).executeTakeFirstOrThrow()).version);
  // The officer chose to declare it inadmissible and has not confirmed yet: the confirmation page.
  T.decision = await savePendingDecision(
    db,
    { applicationId: T.filed, officerUserId: users.officer!.id, version: Number(T.filedVersion), outcome: "DECLARE_INADMISSIBLE", ground: "fee-missing", reason: "Geen bewijs van betaling.", at: new Date() },
    new Date(0),
  );
  // A case whose worker is the demo worker: granted, delivered to the e-Boxes, permit issued.
  T.issued = (
    await fileFor(db, users.employer!, await validApplication({ ...WORKER, givenNames: "Ana", familyName: "Šimić", birthDate: "1990-03-14", passportNumber: "RS1234567", personNumber: users.worker!.personNumber!, employmentEnd: addDays(TODAY, 400) }, TODAY), "nl")
  ).id;
  let version = (await db.selectFrom("applications").select("version").where("id", "=", T.issued).executeTakeFirstOrThrow()).version;
  for (const [who, type] of [["officer", "DECLARE_COMPLETE"], ["oe", "PRE_CHECKS_DONE"], ["officer", "AUTHORISE_WORK"], ["oe", "GRANT_RESIDENCE"]] as const) {
    version = (await applyCaseCommand(db, { user: users[who]! }, T.issued, version, { type })).version;
  }
  await deliverPending(db, localChannels(db, localDocumentStore()));
  const messages = await db.selectFrom("ebox_messages").select(["id", "recipient_kind"]).where("application_id", "=", T.issued).execute();
  T.msgEnterprise = messages.find((message) => message.recipient_kind === "enterprise")!.id;
  T.msgPerson = messages.find((message) => message.recipient_kind === "person")!.id;
  // One of its deliveries given up after its attempts (what the undelivered page and the case's deliveries list).
  const last = await db.selectFrom("outbox").select("id").where("application_id", "=", T.issued).orderBy("id", "desc").limit(1).executeTakeFirstOrThrow();
  await db.updateTable("outbox").set({ status: "failed", attempts: 8, delivered_at: null, last_error: "ECONNREFUSED 127.0.0.1:443" }).where("id", "=", last.id).execute();
  T.code = (await db.selectFrom("permits").select("verification_code").where("application_id", "=", T.issued).executeTakeFirstOrThrow()).verification_code;
  // The OE chose to end the right to stay and has not confirmed: who will be told includes the worker's e-Box and the cadastre.
  const issuedVersion = (await db.selectFrom("applications").select("version").where("id", "=", T.issued).executeTakeFirstOrThrow()).version;
  T.oeDecision = await savePendingDecision(
    db,
    { applicationId: T.issued, officerUserId: users.oe!.id, version: issuedVersion, outcome: "REVOKE", ground: "public-order", reason: "Openbare orde.", at: new Date() },
    new Date(0),
  );
  // Two granted cases of workers abroad who chose Casablanca: one still waiting for the visa,
  // one the commune of Antwerp took up to the annex 49 (its card still to record).
  const granted = async (passportNumber: string) => {
    const id = (await fileFor(db, users.employer!, await validApplication({ ...WORKER, nationality: "MA", passportNumber, visaPost: "casablanca" }, TODAY), "nl")).id;
    let caseVersion = (await db.selectFrom("applications").select("version").where("id", "=", id).executeTakeFirstOrThrow()).version;
    for (const [who, type] of [["officer", "DECLARE_COMPLETE"], ["oe", "PRE_CHECKS_DONE"], ["officer", "AUTHORISE_WORK"], ["oe", "GRANT_RESIDENCE"]] as const) {
      caseVersion = (await applyCaseCommand(db, { user: users[who]! }, id, caseVersion, { type })).version;
    }
    return id;
  };
  T.awaitingVisa = await granted("MA7700003");
  T.atCommune = await granted("MA7700004");
  const step = async (who: string, intent: string, values: Record<string, string>) => {
    const steps = await db.selectFrom("residence_steps").select("version").where("application_id", "=", T.atCommune!).executeTakeFirstOrThrow();
    await recordResidenceStep(db, users[who]!, T.atCommune!, intent, { ...values, version: String(steps.version) });
  };
  await step("post", "VISA_ISSUED", { visaOn: addDays(TODAY, -20), postalCode: "2018" });
  await step("commune", "ARRIVAL_DECLARED", { enteredOn: addDays(TODAY, -12), declaredOn: addDays(TODAY, -1) });
  await step("commune", "REGISTERED", { registeredOn: TODAY, personNumber: "" });
  await step("commune", "ANNEX_49_ISSUED", { annex49On: TODAY });
  T.annex49 = (await db.selectFrom("residence_steps").select("annex49_code").where("application_id", "=", T.atCommune).executeTakeFirstOrThrow()).annex49_code!;
  T.atCommuneVersion = String((await db.selectFrom("residence_steps").select("version").where("application_id", "=", T.atCommune).executeTakeFirstOrThrow()).version);
  // Three ended work authorisations in the revocation chain (issue 14.3), workers abroad the post sent to Antwerp,
  // no national number known: one for the OE to instruct the commune, one for the commune to inform the worker,
  // one whose worker was informed (his notice in the employer's e-Box, to forward).
  const chained = async (passportNumber: string, steps: readonly ("INSTRUCT_COMMUNE" | "WORKER_INFORMED")[]) => {
    const id = await granted(passportNumber);
    const visa = await db.selectFrom("residence_steps").select("version").where("application_id", "=", id).executeTakeFirstOrThrow();
    await recordResidenceStep(db, users.post!, id, "VISA_ISSUED", { visaOn: addDays(TODAY, -20), postalCode: "2018", version: String(visa.version) });
    const caseVersion = (await db.selectFrom("applications").select("version").where("id", "=", id).executeTakeFirstOrThrow()).version;
    await applyCaseCommand(db, { user: users.officer! }, id, caseVersion, { type: "END_EMPLOYMENT", reason: "De werkgever meldde het einde van de tewerkstelling." });
    // Today as the step is taken, never before the day the chain opened (a set-up that runs across midnight).
    for (const intent of steps) {
      const chain = await db.selectFrom("revocation_chains").select("version").where("application_id", "=", id).executeTakeFirstOrThrow();
      await recordRevocationStep(db, intent === "INSTRUCT_COMMUNE" ? users.oe! : users.commune!, id, intent, { stepOn: todayInBelgium(new Date()), version: String(chain.version) });
    }
    return id;
  };
  T.chainOe = await chained("MA7700005", []);
  T.chainCommune = await chained("MA7700006", ["INSTRUCT_COMMUNE"]);
  T.chainInformed = await chained("MA7700007", ["INSTRUCT_COMMUNE", "WORKER_INFORMED"]);
  await deliverPending(db, localChannels(db, localDocumentStore()));
  T.msgChain = (await db.selectFrom("ebox_messages").select("id").where("delivery_key", "like", `revocation-notice:${T.chainInformed}:worker-informed:enterprise:%`).executeTakeFirstOrThrow()).id;
  T.msgPost = (await db.selectFrom("ebox_messages").select("id").where("recipient_kind", "=", "post").where("application_id", "=", T.awaitingVisa).executeTakeFirstOrThrow()).id;
  // Signals to the inspection (issue 14.4): one open on the filed case, one answered on the issued one.
  await fileSignal(db, users.oe!, T.filed, { reason: "fictitious-employment", facts: "Salary paid back in cash, per the worker." });
  T.signal = (await db.selectFrom("inspection_signals").select("id").where("application_id", "=", T.filed).executeTakeFirstOrThrow()).id;
  await fileSignal(db, users.oe!, T.issued, { reason: "exploitation", facts: "Twelve-hour shifts written in the contract." });
  T.signalAnswered = (await db.selectFrom("inspection_signals").select("id").where("application_id", "=", T.issued).executeTakeFirstOrThrow()).id;
  await answerSignal(db, users.inspector!, T.signalAnswered, { finding: "exploitation", inspectionFile: "INS-2026/7", note: "Confirmed on site." });
  // The cadastre's records of other authorities, as the demo imports them (the inspector's result shows the annex 3).
  await importCadastreBatch(db, JSON.stringify(demoCadastreRecords));
  // A case with a request for documents open.
  T.requested = (await fileFor(db, users.employer!, await validApplication({ ...WORKER, passportNumber: "RS7700002" }, TODAY), "nl")).id;
  const requested = await db.selectFrom("applications").select("version").where("id", "=", T.requested).executeTakeFirstOrThrow();
  await applyCaseCommand(db, { user: users.officer! }, T.requested, requested.version, { type: "REQUEST_DOCUMENTS", items: ["Payslips"], message: "Bitte senden" });
  // The resident's request for an unlimited permit.
  const permanent = validatePermanentApplication({ residencePostalCode: "4700", yearsWorkedLastFive: "5", yearsResident: "6", currentPermitNumber: "B123456789" });
  if (!permanent.ok) throw new Error("valid permanent request expected");
  T.permanent = (await submitPermanentApplication(db, users.resident!, { applicationId: randomUUID(), data: permanent.value, authority: permanent.authority, uiLanguage: "de" })).id;
  // A draft with every step answered (its documents step and check answers then open).
  T.draft = await startApplication(db, users.employer!);
  for (const [step, values] of DRAFT_STEPS()) {
    const saved = await saveStep(db, users.employer!, (await loadFormDraft(db, users.employer!, T.draft))!, step, values);
    if (saved.kind !== "saved" || !saved.result.ok) throw new Error(`draft step ${step}: ${JSON.stringify(saved)}`);
  }
  const draft = (await loadFormDraft(db, users.employer!, T.draft))!;
  const items = await draftDocuments(db, draft);
  await updateDraftDocuments(db, localDocumentStore(), users.employer!, draft, {
    files: items.map(({ item }) => ({ field: documentItemField(item), fileName: `${item}.pdf`, bytes: PDF })),
    rejected: [],
  });
}, 180_000);

afterAll(async () => {
  await app?.close();
  await drop?.();
  delete process.env.DOCUMENTS_DIR;
  if (documentsDir) rmSync(documentsDir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------
// The pages.

interface Page {
  name: string;
  who: string | null;
  path: () => string;
  status?: number;
  /** Shown by an action (a POST with the session's token). */
  form?: () => Record<string, string>;
}

const PAGES: Page[] = [
  { name: "start page", who: null, path: () => "/" },
  { name: "sign-in", who: null, path: () => "/login" },
  { name: "signed out", who: null, path: () => "/signed-out" },
  { name: "verify", who: null, path: () => "/verify" },
  { name: "verify a permit", who: null, path: () => `/verify/${T.code}` },
  { name: "verify an unknown code", who: null, path: () => "/verify/ZZZZ-ZZZZ-ZZZZ" },
  { name: "404", who: null, path: () => "/no-such-page", status: 404 },
  { name: "processing times", who: null, path: () => "/processing-times" },
  { name: "processing times of a region", who: null, path: () => "/processing-times/flanders" },
  { name: "applications (employer)", who: "employer", path: () => "/applications" },
  { name: "applications (secretariat)", who: "secretariat", path: () => "/applications" },
  { name: "new application", who: "employer", path: () => "/applications/new" },
  { name: "change of employer", who: "employer", path: () => "/applications/change-of-employer" },
  ...DRAFT_STEPS().map(([step]): Page => ({ name: `draft step ${step}`, who: "employer", path: () => `/applications/drafts/${T.draft}/${step}` })),
  { name: "draft documents", who: "employer", path: () => `/applications/drafts/${T.draft}/documents` },
  { name: "draft check answers", who: "employer", path: () => `/applications/drafts/${T.draft}/check` },
  { name: "filed case", who: "employer", path: () => `/applications/${T.filed}` },
  { name: "case with a request for documents", who: "employer", path: () => `/applications/${T.requested}` },
  { name: "issued case", who: "employer", path: () => `/applications/${T.issued}` },
  { name: "e-Box (enterprise)", who: "employer", path: () => "/ebox" },
  { name: "e-Box message (enterprise)", who: "employer", path: () => `/ebox/${T.msgEnterprise}` },
  { name: "applications (worker)", who: "worker", path: () => "/applications" },
  { name: "permits (worker)", who: "worker", path: () => "/permits" },
  { name: "e-Box (worker)", who: "worker", path: () => "/ebox" },
  { name: "e-Box message (worker)", who: "worker", path: () => `/ebox/${T.msgPerson}` },
  { name: "consents (worker)", who: "worker", path: () => "/permits/consents" },
  { name: "session", who: "employer", path: () => "/session" },
  { name: "permanent request", who: "resident", path: () => "/applications/permanent" },
  { name: "permanent case", who: "resident", path: () => `/applications/${T.permanent}` },
  { name: "officer queue", who: "officer", path: () => "/officer" },
  { name: "officer case (filed)", who: "officer", path: () => `/officer/cases/${T.filed}` },
  { name: "officer case (issued)", who: "oe", path: () => `/officer/cases/${T.issued}` },
  { name: "officer queue (OE)", who: "oe", path: () => "/officer" },
  { name: "officer decision to confirm", who: "officer", path: () => `/officer/cases/${T.filed}/confirm?decision=${T.decision}` },
  { name: "officer decision to confirm (OE, revocation)", who: "oe", path: () => `/officer/cases/${T.issued}/confirm?decision=${T.oeDecision}` },
  { name: "undelivered", who: "officer", path: () => "/officer/undelivered" },
  { name: "deadlines", who: "officer", path: () => "/officer/deadlines" },
  { name: "deadlines (OE)", who: "oe", path: () => "/officer/deadlines" },
  { name: "inspector search", who: "inspector", path: () => "/inspector" },
  {
    name: "inspector result",
    who: "inspector",
    path: () => "/inspector",
    form: () => ({ fileNumber: "INSP-2026-001", reason: "Routine check of a construction site", personNumber: "", familyName: "Šimić", birthDate: "1990-03-14", enterpriseNumber: "" }),
  },
  { name: "inspector signal (open)", who: "inspector", path: () => `/inspector/signals/${T.signal}` },
  { name: "inspector signal (answered)", who: "inspector", path: () => `/inspector/signals/${T.signalAnswered}` },
  { name: "officer case with a signal answered (OE)", who: "oe", path: () => `/officer/cases/${T.issued}` },
  { name: "audit", who: "dpo", path: () => "/audit" },
  { name: "audit search", who: "dpo", path: () => `/audit?reference=${T.issued}&login=&from=2026-01-01&until=` },
  { name: "post's files", who: "post", path: () => "/post" },
  { name: "post's file waiting for the visa", who: "post", path: () => `/post/cases/${T.awaitingVisa}` },
  { name: "post's e-Box", who: "post", path: () => "/ebox" },
  { name: "post's e-Box message (annex 46)", who: "post", path: () => `/ebox/${T.msgPost}` },
  { name: "commune's registrations", who: "commune", path: () => "/commune" },
  { name: "commune's file at the annex 49", who: "commune", path: () => `/commune/cases/${T.atCommune}` },
  { name: "case after the annex 49 (employer's tracker)", who: "employer", path: () => `/applications/${T.atCommune}` },
  { name: "verify an annex 49", who: null, path: () => `/verify/${T.annex49}` },
  { name: "OE case: the chain's step to instruct the commune", who: "oe", path: () => `/officer/cases/${T.chainOe}` },
  { name: "OE case: the chain waiting for the commune", who: "oe", path: () => `/officer/cases/${T.chainCommune}` },
  { name: "commune's file: the chain's step to inform the worker", who: "commune", path: () => `/commune/cases/${T.chainCommune}` },
  { name: "commune's file: the worker informed, searching", who: "commune", path: () => `/commune/cases/${T.chainInformed}` },
  { name: "case in the chain (employer's tracker)", who: "employer", path: () => `/applications/${T.chainInformed}` },
  { name: "e-Box message: the chain's notice to forward", who: "employer", path: () => `/ebox/${T.msgChain}` },
  // Refusals the forms show: every step sent empty, the other forms with what they refuse, a stale version.
  // (the last step first: a step saved with refused answers closes the steps after it).
  ...DRAFT_STEPS()
    .slice(1)
    .reverse()
    .map(([step, values]): Page => ({
      name: `draft step ${step} sent empty`,
      who: "employer",
      path: () => `/applications/drafts/${T.draft}/${step}`,
      form: () => ({ intent: "continue", ...Object.fromEntries(Object.keys(values).map((name) => [name, ""])) }),
      status: 400,
    })),
  { name: "permanent request sent empty", who: "resident", path: () => "/applications/permanent", form: () => ({ applicationId: randomUUID() }), status: 400 },
  { name: "change of employer sent empty", who: "employer", path: () => "/applications/change-of-employer", form: () => ({ intent: "find", personNumber: "" }), status: 400 },
  { name: "consent sent empty", who: "worker", path: () => "/permits/consents", form: () => ({ intent: "give", enterpriseNumber: "" }), status: 400 },
  { name: "inspector search sent empty", who: "inspector", path: () => "/inspector", form: () => ({}), status: 400 },
  { name: "inspector findings sent empty", who: "inspector", path: () => `/inspector/signals/${T.signal}`, form: () => ({ finding: "", inspectionFile: "", note: "" }), status: 400 },
  { name: "OE signal sent empty", who: "oe", path: () => `/officer/cases/${T.filed}`, form: () => ({ intent: "signal", signalReason: "", facts: "" }), status: 400 },
  { name: "officer request for documents without items", who: "officer", path: () => `/officer/cases/${T.filed}`, form: () => ({ intent: "REQUEST_DOCUMENTS", version: T.filedVersion!, items: "", message: "" }), status: 400 },
  { name: "officer decision without an outcome or reasons", who: "officer", path: () => `/officer/cases/${T.filed}`, form: () => ({ intent: "decide", version: T.filedVersion!, outcome: "", reason: "" }), status: 400 },
  { name: "officer decision on a stale version", who: "officer", path: () => `/officer/cases/${T.filed}`, form: () => ({ intent: "decide", outcome: "DECLARE_COMPLETE", version: String(Number(T.filedVersion) + 7) }), status: 409 },
  { name: "end of employment without a date", who: "employer", path: () => `/applications/${T.issued}`, form: () => ({ intent: "end-of-employment", endedOn: "", note: "" }), status: 400 },
  { name: "post's visa sent empty", who: "post", path: () => `/post/cases/${T.awaitingVisa}`, form: () => ({ intent: "VISA_ISSUED", visaOn: "", postalCode: "", version: "1" }), status: 400 },
  { name: "OE chain step with an impossible date", who: "oe", path: () => `/officer/cases/${T.chainOe}`, form: () => ({ intent: "INSTRUCT_COMMUNE", stepOn: "31/02/2027", version: "1" }), status: 400 },
  { name: "commune chain step without a date", who: "commune", path: () => `/commune/cases/${T.chainCommune}`, form: () => ({ intent: "WORKER_INFORMED", stepOn: "", version: "2" }), status: 400 },
  { name: "commune chain step on a stale page", who: "commune", path: () => `/commune/cases/${T.chainCommune}`, form: () => ({ intent: "WORKER_INFORMED", stepOn: TODAY, version: "1" }), status: 409 },
  { name: "commune's card on a stale page", who: "commune", path: () => `/commune/cases/${T.atCommune}`, form: () => ({ intent: "CARD_ISSUED", cardOn: TODAY, version: "1" }), status: 409 },
  { name: "403 (employer on the queue)", who: "employer", path: () => "/officer", status: 403 },
  { name: "404 (a case that is not there)", who: "employer", path: () => `/applications/${randomUUID()}`, status: 404 },
];

let checked = 0;

describe("every page in four languages", { timeout: 120_000 }, () => {
  it("no raw key and no English left on a French, Dutch or German page", async () => {
    const failures: string[] = [];
    for (const page of PAGES) {
      for (const language of LANGUAGES) {
        const session = page.who ? sessions[page.who]! : null;
        const headers = new Headers({ Cookie: [session?.cookie, `${LANGUAGE_COOKIE}=${language}`].filter(Boolean).join("; ") });
        let body: string | undefined;
        if (page.form) {
          headers.set("Origin", ORIGIN);
          headers.set("Content-Type", "application/x-www-form-urlencoded");
          body = new URLSearchParams({ csrf: session?.csrf ?? "", ...page.form() }).toString();
        }
        const response = await app.fetch(new Request(`${ORIGIN}${page.path()}`, { method: body ? "POST" : "GET", headers, body }));
        const html = await response.text();
        const what = `${page.name} (${language})`;
        if (response.status !== (page.status ?? 200)) {
          failures.push(`${what}: status ${response.status} ${response.headers.get("Location") ?? ""}, expected ${page.status ?? 200}`);
          continue;
        }
        if (!html.includes(`<html lang="${language}"`)) failures.push(`${what}: not a page in ${language}`);
        // Broken bytes: a NUL (React 18's stream at a chunk's edge) or a character cut in two (U+FFFD).
        const nul = html.indexOf("\u0000");
        if (nul >= 0) failures.push(`${what}: a NUL byte in the HTML: ${JSON.stringify(html.slice(nul - 40, nul + 10))}`);
        const cut = html.indexOf("\uFFFD");
        if (cut >= 0) failures.push(`${what}: U+FFFD in the HTML: ${JSON.stringify(html.slice(cut - 40, cut + 10))}`);
        checked++;
        const text = visibleText(html);
        for (const problem of problems(text, language)) failures.push(`${what}: ${problem}`);
        // The control: the English page shows English of the locale, so the same search on the other pages can find it.
        if (language === "en" && englishRunsOn(text) === 0) failures.push(`${what}: no English run of the locale found on the English page (is the text read?)`);
      }
    }
    console.log(`every page in four languages: ${checked} pages × languages checked (${PAGES.length} pages × ${LANGUAGES.length}), ${failures.length} failures`);
    expect(failures, failures.slice(0, 60).join("\n")).toEqual([]);
    expect(checked).toBe(PAGES.length * LANGUAGES.length);
  });

  it("every legal term's source, shown to the officer, is in all four languages: the English one is the rule's own", () => {
    for (const rule of TERMS) {
      const key = termSourceKey(rule.id);
      expect(FLAT.en.get(key), rule.id).toBe(rule.source);
      for (const language of ["fr", "nl", "de"] as const) expect(FLAT[language].get(key), `${rule.id} (${language})`).toBeTruthy();
    }
  });

  it("the check sees what it is there to see: a raw key, an interpolation left, an English sentence", () => {
    const english = FLAT.en.get("errors.notFound.body")!;
    expect(problems(visibleText(`<p>errors.notFound.title</p><p title="{{name}}">x</p><p>${english}</p>`), "nl")).toEqual([
      'raw key "errors.notFound.title"',
      "interpolation left: {{name}}",
      expect.stringContaining("(errors.notFound.body)"),
      expect.stringContaining("English words (this, you, "),
    ]);
    // English that is in no locale file, written into a page: two of English's small words on a line.
    expect(problems(visibleText(`<button aria-label="Open the file with your details">x</button>`), "fr")).toEqual([expect.stringContaining("English words (the, with, your)")]);
    expect(problems(visibleText(`<p>${FLAT.nl.get("errors.notFound.body")!}</p><p>Tuinbouw De Wilde BV</p>`), "nl")).toEqual([]);
  });
});
