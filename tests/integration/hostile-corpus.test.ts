import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { applyCaseCommand } from "../../app/cases/case-commands.server";
import type { DB } from "../../app/db/db.server";
import { seedDemoData } from "../../app/demo/seed.server";
import { localDocumentStore } from "../../app/documents/store.server";
import { draftDocuments, loadFormDraft, startApplication, updateDraftDocuments } from "../../app/drafts/drafts.server";
import type { User } from "../../app/identity/user";
import { documentItemField } from "../../forms/documents";
import type { FieldDefinition } from "../../forms/form-definition";
import { stepDefinition } from "../../forms/universal-form";
import { cleanInput } from "../../forms/text";
import { addDays, todayInBelgium } from "../../workflows/legal-clock";
import { fileFor, validApplication } from "../support/applications";
import { PDF } from "../support/files";
import { startRenderedApp } from "../support/rendered-app";
import { startTestProvider, type TestProvider } from "../support/sign-in";
import { openTestDatabase } from "../support/test-db";
import { demoUser, openBrowserSession, type BrowserSession } from "../support/users";

/**
 * Issue 11's hostile corpus: every value class below posted into every field of every
 * form, through the whole app (Remix's request handler over the real route modules, the
 * error boundaries and the rendered HTML), as a signed-in user with the session's CSRF
 * token. Each field gets each value with the rest of its form valid, so the value meets
 * the field's own checks and, when it passes them, the database. Asserted per request:
 * no 5xx; a refusal is a page in the request's language; a form that re-renders shows
 * what was typed; the hostile markup never comes back unescaped. At the end every row of
 * every table is read back: valid UTF-16 (no lone surrogate), NFC, no NUL or other controls.
 */

// ---------------------------------------------------------------------------------------
// The values.

interface Hostile {
  name: string;
  value: string;
  /** Sent percent-encoded as it is (bytes no string can hold: half a UTF-8 sequence, a CESU surrogate). */
  encoded?: string;
}

const LOREM = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ";
const HOSTILE: Hostile[] = [
  { name: "NUL, C0/C1 controls, CR LF", value: "Ana\u0000Ma\u0001\u001b[31mria\u007f\u0085\r\nB\tC" },
  { name: "5,000 characters", value: LOREM.repeat(Math.ceil(5000 / LOREM.length)).slice(0, 5000) },
  { name: "emoji, cut at any limit", value: `a${"😀".repeat(700)}` },
  { name: "emoji", value: "Ana 👩‍👩‍👧 😀 Marija" },
  { name: "split surrogate (CESU bytes)", value: "", encoded: "Ana%ED%A0%BD%F0%9F%98" },
  { name: "combining marks (NFD)", value: "Ame\u0301lie Noe\u0308l" },
  { name: "RTL marks and text", value: "\u200Fمرحبا بالعالم שלום עולם\u200E" },
  { name: "bidi override", value: "invoice\u202Efdp.exe" },
  { name: "bidi isolate", value: "Ana \u2067Marija\u2069" },
  { name: "script tag", value: "<script>alert(1)</script>" },
  { name: "img onerror", value: '"><img src=x onerror=alert(1)>' },
  { name: "SQL", value: "'; DROP TABLE applications;--" },
  { name: "1e309", value: "1e309" },
  { name: "-0", value: "-0" },
  { name: "NaN", value: "NaN" },
  { name: "negative, huge", value: "-99999999999999999999999" },
  { name: "huge", value: "99999999999999999999" },
  { name: "2026-02-30", value: "2026-02-30" },
  { name: "9999-99-99", value: "9999-99-99" },
  { name: "0000-01-01", value: "0000-01-01" },
];
const LONG_LINE = "y".repeat(100_000);
const MARKUP = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>"];

/** Languages the requests rotate through; fr and nl at least, every one in turn. */
const LANGUAGES = ["fr", "nl", "de", "en"] as const;
type Lang = (typeof LANGUAGES)[number];

// ---------------------------------------------------------------------------------------
// What a refusal looks like in each language: a title of the error pages or the error summary.

const locale = (language: Lang) => JSON.parse(readFileSync(`locales/${language}/common.json`, "utf8"));
const escapeHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
/** The text of a page with its character references read (React writes &#x27;, the small error pages &#39;). */
const pageText = (html: string) =>
  html
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, decimal: string) => String.fromCodePoint(Number(decimal)))
    .replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
const REFUSAL_MARKERS = Object.fromEntries(
  LANGUAGES.map((language) => {
    const texts = locale(language);
    const errors = texts.errors;
    const titles = [
      texts.form.errorSummaryTitle,
      errors.forbidden.title,
      errors.notFound.title,
      errors.tooLarge.title,
      errors.conflict.title,
      errors.badRequest.title,
      ...Object.values(errors.refused as Record<string, { title: string }>).map((refusal) => refusal.title),
    ];
    return [language, titles as string[]];
  }),
) as Record<Lang, string[]>;

// ---------------------------------------------------------------------------------------
// The app, the people and the things they post about.

let db: DB;
let drop: () => Promise<void>;
let app: Awaited<ReturnType<typeof startRenderedApp>>;
let provider: TestProvider;
let documentsDir: string;
const TODAY = todayInBelgium(new Date());
const ORIGIN = "http://localhost";

type Session = BrowserSession;
const users: Record<string, User> = {};
const sessions: Record<string, Session> = {};

const openSessionFor = (user: User): Promise<Session> => openBrowserSession(db, user, user.actingFor?.employerId, "corpus");

// ---------------------------------------------------------------------------------------
// Sending, and what every answer must be.

let sent = 0;
let serverErrors = 0;
const failures: string[] = [];

type Body =
  | { kind: "query"; fields: Record<string, string>; encoded?: Record<string, string> }
  | { kind: "form"; fields: Record<string, string>; encoded?: Record<string, string> }
  | { kind: "multipart"; fields: Record<string, string> }
  | { kind: "raw"; type: string; body: string };

interface Post {
  path: string;
  who: string | null;
  /** A fresh session for this request (the post changes or ends its session). */
  freshSession?: boolean;
  body: Body;
  headers?: Record<string, string>;
  /** Leaves out the session's CSRF token. */
  noCsrf?: boolean;
  /** For the report: which field got which value. */
  label: string;
  /** Fields whose typed value the re-rendered page must show, and what was typed. */
  kept?: Record<string, string>;
}

function encodeForm(fields: Record<string, string>, encoded: Record<string, string> = {}): string {
  const parts = Object.entries(fields).map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`);
  for (const [name, value] of Object.entries(encoded)) parts.push(`${encodeURIComponent(name)}=${value}`);
  return parts.join("&");
}

async function send(post: Post): Promise<{ status: number; html: string; location: string | null }> {
  const language = LANGUAGES[sent % LANGUAGES.length]!;
  const session = post.who ? (post.freshSession ? await openSessionFor(users[post.who]!) : sessions[post.who]!) : null;
  const headers = new Headers({ "Accept-Language": `${language},en;q=0.1`, Origin: ORIGIN, ...post.headers });
  if (session) headers.set("Cookie", session.cookie);
  const csrf: Record<string, string> = session && !post.noCsrf ? { csrf: session.csrf } : {};
  let body: BodyInit | undefined;
  let url = `${ORIGIN}${post.path}`;
  if (post.body.kind === "query") {
    headers.delete("Origin");
    url += `?${encodeForm(post.body.fields, post.body.encoded)}`;
  } else if (post.body.kind === "form") {
    headers.set("Content-Type", "application/x-www-form-urlencoded");
    body = encodeForm({ ...csrf, ...post.body.fields }, post.body.encoded);
  } else if (post.body.kind === "multipart") {
    const form = new FormData();
    for (const [name, value] of Object.entries({ ...csrf, ...post.body.fields })) form.append(name, value);
    body = form;
  } else {
    headers.set("Content-Type", post.body.type);
    body = post.body.body;
  }
  sent++;
  const response = await app.fetch(new Request(url, { method: body === undefined ? "GET" : "POST", headers, body }));
  const html = await response.text();
  const what = `${post.label} → ${response.status} (${language})`;
  const fail = (why: string) => failures.push(`${what}: ${why}`);
  if (response.status >= 500) {
    serverErrors++;
    fail(`5xx: ${html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").slice(0, 300)}`);
  }
  for (const markup of MARKUP) if (html.includes(markup)) fail(`unescaped ${markup}`);
  if (response.status >= 400 && response.status < 500) {
    const text = pageText(html);
    if (!new RegExp(`<html lang="${language}"`).test(html)) fail(`the refusal is not a page in ${language}: ${html.slice(0, 100)}`);
    else if (!REFUSAL_MARKERS[language].some((marker) => text.includes(marker))) fail(`no message in ${language}: ${text.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").slice(0, 200)}`);
    // Re-rendered with the error summary: what was typed is on the page (its start: a field may cut it to its length).
    if (response.status === 400 && text.includes(REFUSAL_MARKERS[language][0]!)) {
      for (const [name, typed] of Object.entries(post.kept ?? {})) {
        const shown = [...cleanInput(typed).trim()].slice(0, 5).join("");
        if (shown && !html.includes(escapeHtml(shown))) fail(`"${name}" not kept: ${JSON.stringify(shown)}`);
      }
    }
  }
  return { status: response.status, html, location: response.headers.get("Location") };
}

/**
 * Every value into every field of a form. The fields that are read one after another
 * (`gates`: an intent, an id checked before the rest) get each value with the rest valid;
 * the others, which a form checks together, get the values as a Latin square: request k
 * puts value k + j into field j, so each field meets each value in as many requests as
 * there are values (the field's message is the field's own, whatever its neighbours hold).
 */
async function corpus(
  form: string,
  path: string,
  who: string | null,
  valid: Record<string, string>,
  fields: { name: string; kept?: boolean; gate?: boolean }[],
  extra: Partial<Post> = {},
) {
  const post = async (assign: [string, Hostile][], label: string, keep: Set<string>) => {
    const fieldsSent = { ...valid };
    const encoded: Record<string, string> = {};
    const kept: Record<string, string> = {};
    for (const [name, hostile] of assign) {
      if (hostile.encoded) {
        delete fieldsSent[name];
        encoded[name] = hostile.encoded;
      } else {
        fieldsSent[name] = hostile.value;
        if (keep.has(name)) kept[name] = hostile.value;
      }
    }
    await send({ path, who, body: { kind: "form", fields: fieldsSent, encoded }, label: `${form} · ${label}`, kept, ...extra });
  };
  const keep = new Set(fields.filter((field) => field.kept).map((field) => field.name));
  for (const gate of fields.filter((field) => field.gate)) {
    for (const hostile of HOSTILE) await post([[gate.name, hostile]], `${gate.name} = ${hostile.name}`, keep);
  }
  const together = fields.filter((field) => !field.gate);
  if (together.length > 0) {
    for (let k = 0; k < HOSTILE.length; k++) {
      const assign = together.map((field, j): [string, Hostile] => [field.name, HOSTILE[(k + j) % HOSTILE.length]!]);
      await post(assign, assign.map(([name, hostile]) => `${name} = ${hostile.name}`).join(", "), keep);
    }
  }
  await edges(form, path, who, valid, extra);
}

/** What every form must also survive: a 100,000-character line, a foreign origin, no token, JSON, text, a broken multipart. */
const edgesSent = new Set<string>();
async function edges(form: string, path: string, who: string | null, valid: Record<string, string>, extra: Partial<Post> = {}) {
  // Once per route and person: the edge answers before the route reads any field.
  const key = `${path} ${who}`;
  if (edgesSent.has(key)) return;
  edgesSent.add(key);
  const name = Object.keys(valid)[0] ?? "x";
  const posts: Post[] = [
    { path, who, body: { kind: "form", fields: { ...valid, [name]: LONG_LINE } }, label: `${form} · 100,000-character line` },
    { path, who, body: { kind: "form", fields: valid }, headers: { Origin: "http://evil.example" }, label: `${form} · foreign Origin` },
    { path, who, body: { kind: "form", fields: valid }, headers: { Origin: "null" }, label: `${form} · Origin: null` },
    { path, who, body: { kind: "form", fields: valid }, headers: { "Sec-Fetch-Site": "cross-site" }, label: `${form} · cross-site` },
    { path, who, body: { kind: "raw", type: "application/json", body: JSON.stringify(valid) }, label: `${form} · JSON body` },
    { path, who, body: { kind: "raw", type: "text/plain", body: encodeForm(valid) }, label: `${form} · text/plain body` },
    { path, who, body: { kind: "raw", type: "multipart/form-data; boundary=xyz", body: "--xyz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb" }, label: `${form} · broken multipart` },
    { path, who, body: { kind: "raw", type: "application/x-www-form-urlencoded", body: "a=%E0%A4%A&%%%=1&csrf" }, label: `${form} · malformed escapes` },
  ];
  if (who) posts.push({ path, who, noCsrf: true, body: { kind: "form", fields: valid }, label: `${form} · no CSRF token` });
  for (const post of posts) {
    const refusedAtTheEdge = post.headers?.Origin || post.headers?.["Sec-Fetch-Site"] || post.noCsrf;
    const warn = vi.spyOn(console, "warn");
    const error = vi.spyOn(console, "error");
    const answer = await send({ ...post, ...extra, headers: { ...post.headers }, label: post.label });
    // A forged post: one warning line, no stack trace, nothing at error level.
    if (refusedAtTheEdge && answer.status === 403) {
      const lines = warn.mock.calls.map((call) => call.map(String).join(" "));
      if (lines.length !== 1 || lines.some((line) => line.includes("\n")) || error.mock.calls.length > 0) {
        failures.push(`${post.label}: logged ${JSON.stringify(lines)} and ${error.mock.calls.length} errors, not one warning line`);
      }
    }
    warn.mockRestore();
    error.mockRestore();
  }
}

// ---------------------------------------------------------------------------------------

beforeAll(async () => {
  documentsDir = mkdtempSync(join(tmpdir(), "sp-corpus-"));
  process.env.DOCUMENTS_DIR = documentsDir;
  ({ db, drop } = await openTestDatabase());
  await seedDemoData(db);
  provider = await startTestProvider(db);
  app = await startRenderedApp(db);
  for (const [who, login, actingFor] of [
    ["employer", "employer", "Tuinbouw De Wilde BV"],
    ["secretariat", "secretariat", "Tuinbouw De Wilde BV"],
    ["resident", "resident"],
    ["officer", "officer.flanders"],
    ["oe", "officer.oe"],
    ["inspector", "inspector"],
  ] as const) {
    users[who] = await demoUser(db, login, actingFor);
    sessions[who] = await openSessionFor(users[who]);
  }
}, 180_000);

afterAll(async () => {
  console.log(`hostile corpus: ${sent} requests, ${serverErrors} answered 5xx, ${failures.length} failed checks`);
  await app?.close();
  await provider?.close();
  await drop?.();
  delete process.env.DOCUMENTS_DIR;
  rmSync(documentsDir, { recursive: true, force: true });
});

const KEPT_TYPES = new Set<FieldDefinition["type"]>(["text", "textarea", "date", "number"]);
/** A typed field the page shows again: one a person types into, and asked given the other answers (a question not asked is not on the page). */
const shownAgain = (field: FieldDefinition, values: Record<string, string>, answers: Readonly<Record<string, Record<string, string>>>) =>
  KEPT_TYPES.has(field.type) && (!field.when || field.when(values, answers));

/** The valid answers the steps are walked with (a Flemish application). */
const VALID_STEPS = (): Record<string, Record<string, string>> => ({
  employer: { employerRemark: "Our street was renamed." },
  worker: { givenNames: "Milan", familyName: "Jovanović", nationality: "RS", birthDate: "1992-07-07", passportNumber: "RS7654321", personNumber: "", livesIn: "abroad", visaPost: "belgrade" },
  employment: {
    category: "other",
    jobTitle: "Greenhouse technician",
    placeOfWorkPostalCode: "3800",
    contractStart: addDays(TODAY, 60),
    employmentEnd: addDays(TODAY, 420),
    grossAnnualSalary: "34000",
  },
  "flanders-labour-market": { vacancyReference: "VDAB-1234567", vacancyPublishedOn: addDays(TODAY, -84), publishedOnEures: "yes" },
  residence: { feeStatus: "paid", feePaidOn: addDays(TODAY, -10), healthInsurance: "mutuality" },
});

const check = () => {
  expect(failures, failures.slice(0, 40).join("\n")).toEqual([]);
  expect(serverErrors).toBe(0);
};

describe("the hostile corpus", { timeout: 600_000 }, () => {
  let draftId: string;
  let caseId: string;

  it("the universal form's steps, the documents step and check answers", async () => {
    const employer = users.employer!;
    draftId = await startApplication(db, employer);
    const valid = VALID_STEPS();
    await corpus("new application", "/applications/new", "employer", { renewalOf: "" }, [{ name: "renewalOf" }]);
    for (let index = 0; ; index++) {
      const draft = (await loadFormDraft(db, employer, draftId))!;
      const stepId = draft.progress.plan.steps[index];
      const step = stepId ? stepDefinition(stepId) : null;
      if (!stepId || !step) break;
      const base: Record<string, string> = { ...valid[stepId], intent: "continue" };
      const path = `/applications/drafts/${draftId}/${stepId}`;
      await corpus(`step ${stepId}`, path, "employer", base, [
        ...step.fields.map((field) => ({ name: field.name, kept: shownAgain(field, base, draft.facts.answers) })),
        { name: "intent" },
        { name: "returnTo" },
      ]);
      // Hostile but harmless text in the free-text fields: cleaned, then accepted (or refused by the field's own rule).
      const harmless = Object.fromEntries(
        step.fields.filter((field) => field.type === "text" || field.type === "textarea").map((field) => [field.name, `${base[field.name] ?? ""}e\u0301\u0000`]),
      );
      await send({ path, who: "employer", body: { kind: "form", fields: { ...base, ...harmless } }, label: `step ${stepId} · harmless controls and NFD` });
      const saved = await send({ path, who: "employer", body: { kind: "form", fields: base }, label: `step ${stepId} · valid` });
      expect(saved.status, `${stepId}: ${saved.html.slice(0, 200)}`).toBe(302);
    }

    // The documents step: its text fields in a multipart form (files are helper "uploads"' part).
    const documentsPath = `/applications/drafts/${draftId}/documents`;
    for (const hostile of HOSTILE.filter((value) => !value.encoded)) {
      for (const field of ["intent", "note"]) {
        await send({ path: documentsPath, who: "employer", body: { kind: "multipart", fields: { intent: "upload", [field]: hostile.value } }, label: `documents · ${field} = ${hostile.name}` });
      }
    }
    await edges("documents", documentsPath, "employer", { intent: "upload" });
    const draft = (await loadFormDraft(db, employer, draftId))!;
    const items = await draftDocuments(db, draft);
    await updateDraftDocuments(db, localDocumentStore(), employer, draft, {
      files: items.map(({ item }) => ({ field: documentItemField(item), fileName: `${item}.pdf`, bytes: PDF })),
      rejected: [],
    });

    // Check answers files the draft: hostile extras first (refused or ignored), then it is filed.
    await edges("check", `/applications/drafts/${draftId}/check`, "employer", { intent: "submit" });
    for (const hostile of HOSTILE.filter((value) => !value.encoded)) {
      await send({ path: `/applications/drafts/${draftId}/check`, who: "employer", noCsrf: false, body: { kind: "form", fields: { declaration: hostile.value, intent: hostile.value } }, label: `check · ${hostile.name}` });
    }
    caseId = draftId;
    check();
  });

  it("each other region's own steps", async () => {
    const employer = users.employer!;
    const common = new Set(["employer", "worker", "employment", "residence"]);
    /** An answer each kind of field takes (checkboxes ticked, the first option, a date ahead). */
    const plausible = (field: FieldDefinition) =>
      field.type === "checkbox" ? "yes" : field.options ? field.options[0]! : field.type === "number" ? "0" : field.type === "date" ? addDays(TODAY, 30) : "x";
    let regionSteps = 0;
    for (const postalCode of ["5000", "1000", "4700"]) {
      const id = await startApplication(db, employer);
      const valid = VALID_STEPS();
      for (const stepId of ["employer", "worker", "employment"]) {
        const values = stepId === "employment" ? { ...valid.employment, placeOfWorkPostalCode: postalCode } : valid[stepId]!;
        const saved = await send({ path: `/applications/drafts/${id}/${stepId}`, who: "employer", body: { kind: "form", fields: { ...values, intent: "continue" } }, label: `${postalCode} · ${stepId} · valid` });
        expect(saved.status, `${postalCode} ${stepId}: ${saved.html.slice(0, 300)}`).toBe(302);
      }
      const steps = (await loadFormDraft(db, employer, id))!.progress.plan.steps.filter((step) => !common.has(step) && stepDefinition(step));
      for (const stepId of steps) {
        const step = stepDefinition(stepId)!;
        const base: Record<string, string> = { intent: "continue", ...Object.fromEntries(step.fields.map((field) => [field.name, plausible(field)])) };
        const path = `/applications/drafts/${id}/${stepId}`;
        const answers = (await loadFormDraft(db, employer, id))!.facts.answers;
        await corpus(`step ${stepId}`, path, "employer", base, step.fields.map((field) => ({ name: field.name, kept: shownAgain(field, base, answers) })));
        regionSteps++;
        const saved = await send({ path, who: "employer", body: { kind: "form", fields: base }, label: `step ${stepId} · plausible` });
        if (saved.status !== 302) break; // the next step does not open; this one had every value
      }
    }
    expect(regionSteps).toBeGreaterThanOrEqual(3);
    check();
  });

  it("the applicant's and the officer's case pages", async () => {
    const filed = await db.selectFrom("applications").select(["id", "version", "status"]).where("id", "=", caseId).executeTakeFirst();
    expect(filed?.status, "check answers filed the draft").toBeTruthy();
    const path = `/applications/${caseId}`;
    await corpus("applicant message", path, "employer", { intent: "message", body: "Hello" }, [{ name: "body", kept: true }, { name: "intent", gate: true }]);
    await corpus("applicant withdraw", path, "employer", { intent: "WITHDRAW", version: "0" }, [{ name: "version" }]);
    await corpus("applicant remove document", path, "employer", { intent: "remove-document", documentId: "00000000-0000-4000-8000-000000000000" }, [{ name: "documentId" }]);

    const officerPath = `/officer/cases/${caseId}`;
    const stale = "0";
    const officerForms: [string, Record<string, string>, { name: string; kept?: boolean }[]][] = [
      ["REQUEST_DOCUMENTS", { items: "Payslips\nDiploma", message: "Please send", version: stale }, [{ name: "items", kept: true }, { name: "message", kept: true }, { name: "version" }]],
      ["REROUTE", { to: "wallonia", reason: "Wrong region", version: stale }, [{ name: "to" }, { name: "reason", kept: true }, { name: "version" }]],
      ["SET_CLOCK_CATEGORY", { category: "standard", reason: "Seasonal", version: stale }, [{ name: "category" }, { name: "reason", kept: true }]],
      ["decide", { outcome: "REFUSE_WORK", reason: "Salary below the threshold", version: stale }, [{ name: "outcome" }, { name: "reason", kept: true }]],
      ["decide", { outcome: "DECLARE_INADMISSIBLE", ground: "late", reason: "Late", version: stale }, [{ name: "ground" }, { name: "reason", kept: true }]],
      ["message", { body: "Hello" }, [{ name: "body", kept: true }]],
      ["claim", {}, []],
      ["retry-delivery", { outboxId: "1" }, [{ name: "outboxId" }]],
    ];
    for (const [intent, base, fields] of officerForms) {
      await corpus(`officer ${intent}`, officerPath, "officer", { intent, ...base }, fields);
    }
    for (const hostile of HOSTILE.filter((value) => !value.encoded)) {
      await send({ path: officerPath, who: "officer", body: { kind: "form", fields: { intent: hostile.value, version: "0", reason: "x" } }, label: `officer · intent = ${hostile.name}` });
    }
    // Accepted with hostile text: the request for documents is stored and shown.
    const version = String((await db.selectFrom("applications").select("version").where("id", "=", caseId).executeTakeFirstOrThrow()).version);
    const accepted = await send({
      path: officerPath,
      who: "officer",
      body: { kind: "form", fields: { intent: "REQUEST_DOCUMENTS", version, items: "Payslip 😀\u0000\nمرحبا <script>alert(1)</script>", message: `e\u0301le\u0300ve "><img src=x onerror=alert(1)> ${"😀".repeat(300)}` } },
      label: "officer REQUEST_DOCUMENTS · accepted",
    });
    expect(accepted.status).toBe(302);
    check();
  });

  it("the end-of-employment report", async () => {
    const granted = await fileFor(db, users.employer!, await validApplication({ givenNames: "Ana", familyName: "Šimić", nationality: "RS", birthDate: "1990-03-14", passportNumber: "RS1234567", personNumber: "", placeOfWorkPostalCode: "3800", jobTitle: "Technician", employmentEnd: addDays(TODAY, 400), category: "other", grossAnnualSalary: "34000" }, TODAY));
    let version = (await db.selectFrom("applications").select("version").where("id", "=", granted.id).executeTakeFirstOrThrow()).version;
    for (const [who, type] of [["officer", "DECLARE_COMPLETE"], ["oe", "PRE_CHECKS_DONE"], ["officer", "AUTHORISE_WORK"], ["oe", "GRANT_RESIDENCE"]] as const) {
      version = (await applyCaseCommand(db, { user: users[who]! }, granted.id, version, { type })).version;
    }
    const path = `/applications/${granted.id}`;
    await corpus("end of employment", path, "employer", { intent: "end-of-employment", endedOn: "2026-02-30", note: "Contract ended" }, [
      { name: "endedOn", kept: true },
      { name: "note", kept: true },
    ]);
    const reported = await send({ path, who: "employer", body: { kind: "form", fields: { intent: "end-of-employment", endedOn: TODAY, note: "Fin\u0000 😀 e\u0301te\u0301 <script>alert(1)</script>" } }, label: "end of employment · accepted" });
    expect(reported.status).toBe(302);
    check();
  });

  it("the worker's own end-of-employment report on /permits", async () => {
    users.worker = await demoUser(db, "worker");
    sessions.worker = await openSessionFor(users.worker);
    const granted = await fileFor(db, users.employer!, await validApplication({ givenNames: "Ana", familyName: "Šimić", nationality: "RS", birthDate: "1990-03-14", passportNumber: "RS7654321", personNumber: users.worker.personNumber!, placeOfWorkPostalCode: "3800", jobTitle: "Technician", employmentEnd: addDays(TODAY, 400), category: "other", grossAnnualSalary: "34000" }, TODAY));
    let version = (await db.selectFrom("applications").select("version").where("id", "=", granted.id).executeTakeFirstOrThrow()).version;
    for (const [who, type] of [["officer", "DECLARE_COMPLETE"], ["oe", "PRE_CHECKS_DONE"], ["officer", "AUTHORISE_WORK"], ["oe", "GRANT_RESIDENCE"]] as const) {
      version = (await applyCaseCommand(db, { user: users[who]! }, granted.id, version, { type })).version;
    }
    await corpus("worker's end of employment", "/permits", "worker", { caseId: granted.id, endedOn: "2026-02-30", note: "Contract ended" }, [
      { name: "caseId", gate: true },
      { name: "endedOn", kept: true },
      { name: "note", kept: true },
    ]);
    const reported = await send({ path: "/permits", who: "worker", body: { kind: "form", fields: { caseId: granted.id, endedOn: addDays(TODAY, -1), note: "Fin\u0000 😀 <script>alert(1)</script>" } }, label: "worker's end of employment · accepted" });
    expect(reported.status).toBe(302);
    const again = await send({ path: "/permits", who: "worker", body: { kind: "form", fields: { caseId: granted.id, endedOn: addDays(TODAY, -1), note: "" } }, label: "worker's end of employment · reported already" });
    expect(again.status).toBe(409);
    check();
  });

  it("the inspector's search, the permanent application, login, language, acting for, logout", async () => {
    await corpus(
      "inspector search",
      "/inspector",
      "inspector",
      { fileNumber: "INSP-2026-001", reason: "Routine check of a construction site", personNumber: "", familyName: "Šimić", birthDate: "1990-03-14", enterpriseNumber: "" },
      ["fileNumber", "reason", "personNumber", "familyName", "birthDate", "enterpriseNumber"].map((name) => ({ name, kept: name !== "birthDate" })),
    );
    await corpus(
      "permanent application",
      "/applications/permanent",
      "resident",
      { applicationId: "6f1d2c4e-1111-4a2b-9c3d-000000000001", residencePostalCode: "5000", yearsWorkedLastFive: "5", yearsResident: "6", currentPermitNumber: "B1234567" },
      ["applicationId", "residencePostalCode", "yearsWorkedLastFive", "yearsResident", "currentPermitNumber"].map((name) => ({ name, kept: name !== "applicationId", gate: name === "applicationId" })),
    );
    await corpus("login", "/login", null, { returnTo: "/applications" }, [{ name: "returnTo" }]);
    await corpus("language (signed in)", "/language", "employer", { language: "nl", returnTo: "/applications" }, [{ name: "language" }, { name: "returnTo" }]);
    await corpus("language (anonymous)", "/language", null, { language: "de", returnTo: "/" }, [{ name: "language" }, { name: "returnTo" }]);
    await corpus("acting for", "/acting-for", "secretariat", { employerId: users.secretariat!.actingFor!.employerId }, [{ name: "employerId" }], { freshSession: true });
    await corpus("logout", "/logout", "employer", { scope: "here" }, [{ name: "scope" }], { freshSession: true });
    await corpus("session", "/session", "employer", {}, [{ name: "intent" }]);

    // The forms that search with GET: every value into every parameter, as a Latin square.
    users.dpo = await demoUser(db, "dpo");
    sessions.dpo = await openSessionFor(users.dpo);
    const searches: [string, string, string | null, Record<string, string>][] = [
      ["audit search", "/audit", "dpo", { reference: "", login: "", from: "2026-01-01", until: "" }],
      ["officer queue", "/officer", "officer", { status: "open", due: "all", mine: "", category: "all" }],
      ["verify a permit", "/verify", null, { code: "" }],
      ["login page", "/login", null, { returnTo: "/applications" }],
      ["renewal", "/applications/new", "employer", { renew: "" }],
    ];
    for (const [form, path, who, valid] of searches) {
      const names = Object.keys(valid);
      for (let k = 0; k < HOSTILE.length; k++) {
        const fields = { ...valid };
        const encoded: Record<string, string> = {};
        names.forEach((name, j) => {
          const hostile = HOSTILE[(k + j) % HOSTILE.length]!;
          if (hostile.encoded) {
            delete fields[name];
            encoded[name] = hostile.encoded;
          } else fields[name] = hostile.value;
        });
        await send({ path, who, body: { kind: "query", fields, encoded }, label: `${form} · ${names.map((name, j) => `${name} = ${HOSTILE[(k + j) % HOSTILE.length]!.name}`).join(", ")}` });
      }
    }
    check();
  });

  it("stores nothing broken: every text of every row is well-formed, NFC, without NUL or controls", async () => {
    const tables = await db.introspection.getTables();
    let strings = 0;
    const broken: string[] = [];
    const walk = (where: string, value: unknown): void => {
      if (typeof value === "string") {
        strings++;
        if (/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/.test(value)) broken.push(`${where}: a control character in ${JSON.stringify(value.slice(0, 80))}`);
        if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(value)) broken.push(`${where}: a lone surrogate`);
        if (value !== value.normalize("NFC")) broken.push(`${where}: not NFC: ${JSON.stringify(value.slice(0, 80))}`);
      } else if (Array.isArray(value)) value.forEach((item, index) => walk(`${where}[${index}]`, item));
      else if (value && typeof value === "object" && !(value instanceof Date) && !(value instanceof Uint8Array)) {
        for (const [key, item] of Object.entries(value)) walk(`${where}.${key}`, item);
      }
    };
    for (const table of tables.filter((candidate) => !candidate.isView && !candidate.name.startsWith("kysely_"))) {
      const name = table.schema ? `${table.schema}.${table.name}` : table.name;
      const rows = await db.selectFrom(name as never).selectAll().execute();
      rows.forEach((row, index) => walk(`${name}#${index}`, row));
    }
    expect(strings).toBeGreaterThan(100);
    expect(broken.slice(0, 20)).toEqual([]);
    // The accepted hostile texts are there, cleaned.
    const messages = await db.selectFrom("case_messages").select("body").execute();
    expect(messages.some((message) => message.body.includes("👩‍👩‍👧"))).toBe(true);
  });
});
