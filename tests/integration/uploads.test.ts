import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../app/db/db.server";
import { seedDemoData } from "../../app/demo/seed.server";
import { draftDocuments, loadFormDraft, saveStep, startApplication, submitDraft } from "../../app/drafts/drafts.server";
import { SESSION_COOKIE } from "../../app/http/session.server";
import { MAX_UPLOAD_BODY_BYTES } from "../../app/http/upload.server";
import { lookUpSession } from "../../app/identity/sessions.server";
import * as documentsStep from "../../app/routes/applications.drafts.$id.documents";
import * as documentRoute from "../../app/routes/documents.$id";
import { documentItemField } from "../../forms/documents";
import { JPEG, PDF, PNG } from "../support/files";
import { openTestDatabase } from "../support/test-db";
import { demoUser, signedInCookie } from "../support/users";

/**
 * The documents step as the browser meets it: its action and the download route, called as
 * Remix calls them, with a signed-in session's cookie and token.
 */
let db: DB;
let drop: () => Promise<void>;
let documentsDir: string;
let cookie: string;
let csrf: string;
let draftId: string;
let items: string[];

beforeAll(async () => {
  ({ db, drop } = await openTestDatabase());
  await seedDemoData(db);
  documentsDir = mkdtempSync(join(tmpdir(), "sp-uploads-"));
  process.env.DOCUMENTS_DIR = documentsDir;
  const employer = await demoUser(db, "employer");
  cookie = await signedInCookie(db, "employer");
  const found = await lookUpSession(db, cookie.slice(SESSION_COOKIE.length + 1));
  if (found.state !== "active") throw new Error("no session");
  csrf = found.session.user.csrf;
  draftId = await startApplication(db, employer);
  const steps: [string, Record<string, string>][] = [
    ["employer", {}],
    ["worker", { givenNames: "Ana", familyName: "Šimić", nationality: "RS", birthDate: "1990-03-14", passportNumber: "P1234567", personNumber: "", livesIn: "abroad", visaPost: "belgrade" }],
    ["employment", { category: "other", jobTitle: "Welder", placeOfWorkPostalCode: "3800", contractStart: "2027-03-01", employmentEnd: "2028-02-28", grossAnnualSalary: "34 000" }],
    ["flanders-labour-market", { vacancyReference: "VDAB-1234567", vacancyPublishedOn: "2026-09-20", publishedOnEures: "yes" }],
    ["residence", { feeStatus: "paid", feePaidOn: "2026-11-02", healthInsurance: "mutuality" }],
  ];
  for (const [step, values] of steps) {
    const draft = await loadFormDraft(db, employer, draftId);
    const saved = await saveStep(db, employer, draft!, step, values);
    if (saved.kind !== "saved" || ("errors" in saved && saved.errors && Object.keys(saved.errors).length > 0)) throw new Error(`step ${step} not saved`);
  }
  items = (await draftDocuments(db, (await loadFormDraft(db, employer, draftId))!)).map((item) => item.item);
});
afterAll(async () => {
  await drop();
  delete process.env.DOCUMENTS_DIR;
  rmSync(documentsDir, { recursive: true, force: true });
});

const url = () => `http://localhost/applications/drafts/${draftId}/documents`;
const args = (request: Request) => ({ request, params: { id: draftId }, context: { db, clientAddress: "127.0.0.1" } });

async function post(body: BodyInit, headers: Record<string, string> = {}) {
  const request = new Request(url(), { method: "POST", body, headers: { Cookie: cookie, Origin: "http://localhost", ...headers }, duplex: "half" } as RequestInit);
  let result: unknown;
  try {
    result = await documentsStep.action(args(request));
  } catch (error) {
    if (!(error instanceof Response)) throw error;
    result = error;
  }
  if (result instanceof Response) return { status: result.status, location: result.headers.get("Location"), data: null };
  const wrapped = result as { data: { rejected: { fileName: string; reason: string }[]; problem: string | null }; init: ResponseInit | null };
  return { status: wrapped.init?.status ?? 200, location: null, data: wrapped.data };
}

function form(intent: string, files: [string, Uint8Array, string][]) {
  const data = new FormData();
  data.append("csrf", csrf);
  data.append("intent", intent);
  for (const [item, bytes, name] of files) data.append(documentItemField(item), new Blob([new Uint8Array(bytes)]), name);
  return data;
}

const stored = () =>
  db.selectFrom("documents").select(["id", "item", "file_name", "media_type"]).where("application_id", "=", draftId).where("removed_at", "is", null).orderBy("created_at").execute();

describe("the documents step", () => {
  it("keeps a file sent again with 'save and continue' once (what a page with JavaScript sent)", async () => {
    const first = await post(form("upload", [[items[0]!, PDF, "real.pdf"]]));
    expect(first.status).toBe(302);
    const again = await post(form("continue", [[items[0]!, PDF, "real.pdf"]]));
    expect(again.status).toBe(302);
    expect((await stored()).map((row) => [row.item, row.file_name])).toEqual([[items[0], "real.pdf"]]);
  });

  it("stores a file under the type its bytes are, never under the uploader's extension", async () => {
    const sent = await post(form("upload", [[items[1]!, PNG, "poly.html"], [items[2]!, PDF, "invoice\u202Efdp.exe"], [items[3]!, JPEG, "cv 'final' (2);x.pdf"]]));
    expect(sent.status).toBe(302);
    const rows = await stored();
    const byItem = (item: string) => rows.find((row) => row.item === item)!;
    expect([items[1]!, items[2]!, items[3]!].map((item) => [byItem(item).file_name, byItem(item).media_type])).toEqual([
      ["poly.png", "image/png"],
      ["invoicefdp.pdf", "application/pdf"],
      ["cv 'final' (2);x.jpg", "image/jpeg"],
    ]);
  });

  it("takes a file named like markup, and keeps its name as text", async () => {
    const sent = await post(form("upload", [[items[4]!, PDF, "<img src=x onerror=alert(1)>.pdf"]]));
    expect(sent.status).toBe(302);
    expect((await stored()).map((row) => row.file_name)).toContain("img src=x onerror=alert(1).pdf");
  });

  it("answers a malformed body and an over-large upload on the same page, keeping nothing", async () => {
    const before = (await stored()).length;
    const boundary = "----WebKitFormBoundaryzz";
    const cut = `--${boundary}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${csrf}\r\n--${boundary}\r\nContent-Disposition: form-data; name="${documentItemField(items[0]!)}"; filename="a.pdf"\r\n\r\n%PDF-1.4`;
    const malformed = await post(cut, { "Content-Type": `multipart/form-data; boundary=${boundary}` });
    expect(malformed).toMatchObject({ status: 400, data: { problem: "malformed", rejected: [] } });

    const fifty = new Uint8Array(50 * 1024 * 1024);
    fifty.set(PDF);
    const big = form("upload", [[items[0]!, fifty, "big.pdf"], [items[1]!, fifty, "big2.pdf"]]);
    const tooLarge = await post(big);
    expect(tooLarge).toMatchObject({ status: 413, data: { problem: "too-large" } });
    const declared = await post(big, { "Content-Length": String(MAX_UPLOAD_BODY_BYTES + 1) });
    expect(declared).toMatchObject({ status: 413, data: { problem: "too-large" } });

    // One 50 MB file is under the limit of a post but over that of a file: named on the page.
    const one = await post(form("upload", [[items[0]!, fifty, "scan.pdf"]]));
    expect(one).toMatchObject({ status: 400, data: { rejected: [{ fileName: "scan.pdf", reason: "too-large" }] } });
    expect((await stored()).length).toBe(before);
  });

  it("hands out a filed document under its type's name, with a safe Content-Disposition, nosniff and no-store", async () => {
    const employer = await demoUser(db, "employer");
    let draft = (await loadFormDraft(db, employer, draftId))!;
    const empty = (await draftDocuments(db, draft)).filter((item) => item.files.length === 0).map((item) => item.item);
    if (empty.length > 0) expect((await post(form("upload", empty.map((item) => [item, PDF, `${item}.pdf`] as [string, Uint8Array, string])))).status).toBe(302);
    draft = (await loadFormDraft(db, employer, draftId))!;
    const filed = await submitDraft(db, employer, draft, "en");
    expect(filed.kind).toBe("filed");
    const rows = await stored();
    const byItem = (item: string) => rows.find((row) => row.item === item)!;
    const download = async (id: string) =>
      (await documentRoute.loader({ request: new Request(`http://localhost/documents/${id}`, { headers: { Cookie: cookie } }), params: { id }, context: { db, clientAddress: "127.0.0.1" } })) as Response;
    const png = await download(byItem(items[1]!).id);
    expect(png.headers.get("Content-Type")).toBe("image/png");
    expect(png.headers.get("Content-Disposition")).toBe(`attachment; filename="poly.png"; filename*=UTF-8''poly.png`);
    expect(png.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(png.headers.get("Cache-Control")).toContain("no-store");
    expect(png.headers.get("Content-Security-Policy")).toContain("sandbox");
    const jpeg = await download(byItem(items[3]!).id);
    expect(jpeg.headers.get("Content-Disposition")).toBe(`attachment; filename="cv 'final' (2)_x.jpg"; filename*=UTF-8''cv%20%27final%27%20%282%29%3Bx.jpg`);
    expect(new Uint8Array(await jpeg.arrayBuffer())).toEqual(JPEG);
  });
});
