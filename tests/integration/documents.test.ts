import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../app/db/db.server";
import { documentsOf as listDocuments, removeDraftDocument, storeDocument } from "../../app/documents/documents.server";
import { localDocumentStore } from "../../app/documents/store.server";
import { MAX_UPLOAD_BODY_BYTES, readUploadForm } from "../../app/http/upload.server";
import { MAX_FILE_BYTES } from "../../forms/documents";
import { JPEG, PDF, PNG } from "../support/files";
import { openTestDatabase } from "../support/test-db";

let db: DB;
let drop: () => Promise<void>;
let root: string;
let applicationId: string;
let otherApplicationId: string;
let userId: string;

async function newApplication(): Promise<string> {
  const row = await db
    .insertInto("applications")
    .values({ kind: "single", status: "draft", created_by: userId, form_version: 2, draft_form: JSON.stringify({ answers: {} }) })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

beforeAll(async () => {
  ({ db, drop } = await openTestDatabase());
  root = mkdtempSync(join(tmpdir(), "sp-documents-"));
  userId = (
    await db
      .insertInto("users")
      .values({ login: "uploader", display_name: "U", role: "employer" })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
  applicationId = await newApplication();
  otherApplicationId = await newApplication();
});
afterAll(async () => {
  await drop();
  rmSync(root, { recursive: true, force: true });
});

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)],
  );

describe("storing documents", () => {
  const put = (fileName: string, bytes: Uint8Array, application = applicationId, item = "contract") =>
    storeDocument(db, localDocumentStore(root), { applicationId: application, item, fileName, bytes, uploadedBy: userId });

  it("keeps a real PDF once by content hash under root/ab/cd/, with a clean name; the same bytes for two items are one file, two rows", async () => {
    const first = await put("../../evil.pdf", PDF);
    const second = await put("copy.pdf", PDF, applicationId, "passport");
    expect(first.ok && second.ok).toBe(true);
    const rows = await db
      .selectFrom("documents")
      .select(["file_name", "media_type", "sha256", "size_bytes"])
      .where("application_id", "=", applicationId)
      .orderBy("created_at")
      .execute();
    expect(rows.map((row) => row.file_name)).toEqual(["evil.pdf", "copy.pdf"]);
    expect(rows[0]).toMatchObject({ media_type: "application/pdf", size_bytes: PDF.length });
    const sha = rows[0]!.sha256;
    expect(sha).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[1]!.sha256).toBe(sha);
    expect(files(root)).toEqual([join(root, sha.slice(0, 2), sha.slice(2, 4), sha)]); // no temp file left either
    expect(await localDocumentStore(root).get(sha)).toEqual(PDF);
    expect(await localDocumentStore(root).get("0".repeat(64))).toBeNull();
    expect(await localDocumentStore(root).get("../../etc/passwd")).toBeNull();
  });

  it("keeps the same file sent twice for one item once (a form that sends its files again)", async () => {
    const application = await newApplication();
    const first = await put("scan.pdf", PDF, application);
    const again = await put("scan (1).pdf", PDF, application);
    expect(first).toMatchObject({ ok: true, added: true });
    expect(again).toMatchObject({ ok: true, added: false, fileName: "scan.pdf" });
    if (!first.ok || !again.ok) throw new Error("both accepted");
    expect(again.id).toBe(first.id);
    expect((await listDocuments(db, application)).map((d) => d.fileName)).toEqual(["scan.pdf"]);
    // Once removed, the same file may be added again.
    await removeDraftDocument(db, { id: application }, first.id);
    expect(await put("scan.pdf", PDF, application)).toMatchObject({ ok: true, added: true });
  });

  it("names a file by the type its bytes were recognised as, never by the uploader's extension or invisible characters", async () => {
    const application = await newApplication();
    const named = async (fileName: string, bytes: Uint8Array, item: string) => {
      const stored = await put(fileName, bytes, application, item);
      if (!stored.ok) throw new Error(`${fileName} refused`);
      return stored.fileName;
    };
    expect(await named("poly.html", PNG, "a")).toBe("poly.png");
    expect(await named("photo.pdf", JPEG, "b")).toBe("photo.jpg");
    expect(await named("invoice\u202Efdp.exe", PDF, "c")).toBe("invoicefdp.pdf");
    expect(await named("<img src=x onerror=alert(1)>.pdf", PDF, "d")).toBe("img src=x onerror=alert(1).pdf");
    expect(await named("scan\u200b\u0007.jpeg", JPEG, "e")).toBe("scan.jpeg");
    const rows = await db.selectFrom("documents").select(["item", "file_name", "media_type"]).where("application_id", "=", application).orderBy("item").execute();
    expect(rows.map((row) => [row.item, row.file_name, row.media_type])).toEqual([
      ["a", "poly.png", "image/png"],
      ["b", "photo.jpg", "image/jpeg"],
      ["c", "invoicefdp.pdf", "application/pdf"],
      ["d", "img src=x onerror=alert(1).pdf", "application/pdf"],
      ["e", "scan.jpeg", "image/jpeg"],
    ]);
  });

  it("refuses an executable named .pdf, an empty file, an 11 MB one and a cut-off PDF, storing nothing", async () => {
    const filesBefore = files(root).length;
    const rowsBefore = (await listDocuments(db, applicationId)).length;
    const eleven = new Uint8Array(11 * 1024 * 1024);
    eleven.set(PDF);
    const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, ...new TextEncoder().encode("This program cannot be run in DOS mode.%%EOF")]);
    expect(await put("invoice.pdf", exe)).toEqual({ ok: false, reason: "type" });
    expect(await put("empty.pdf", new Uint8Array())).toEqual({ ok: false, reason: "empty" });
    expect(await put("big.pdf", eleven)).toEqual({ ok: false, reason: "too-large" });
    expect(await put("cut.pdf", PDF.subarray(0, PDF.length - 8))).toEqual({ ok: false, reason: "corrupt" });
    expect(files(root).length).toBe(filesBefore);
    expect((await listDocuments(db, applicationId)).length).toBe(rowsBefore);
  });

  it("lists an application's documents oldest first, and removes one only from its own application", async () => {
    const mine = await put("remove-me.pdf", PDF, applicationId, "medical");
    const theirs = await put("theirs.pdf", PDF, otherApplicationId);
    if (!mine.ok || !theirs.ok) throw new Error("both should be stored");

    const listed = await listDocuments(db, applicationId);
    expect(listed.map((d) => d.fileName)).toEqual(["evil.pdf", "copy.pdf", "remove-me.pdf"]);
    expect(listed[2]).toMatchObject({ id: mine.id, item: "medical", mediaType: "application/pdf", sizeBytes: PDF.length, uploadedBy: userId });
    expect((await listDocuments(db, otherApplicationId)).map((d) => d.id)).toEqual([theirs.id]);

    expect(await removeDraftDocument(db, { id: otherApplicationId }, mine.id)).toBe(false);
    expect(await removeDraftDocument(db, { id: applicationId }, "not-a-uuid")).toBe(false);
    expect((await listDocuments(db, applicationId)).map((d) => d.id)).toContain(mine.id);

    expect(await removeDraftDocument(db, { id: applicationId }, mine.id)).toBe(true);
    expect(await removeDraftDocument(db, { id: applicationId }, mine.id)).toBe(false); // already removed
    expect((await listDocuments(db, applicationId)).map((d) => d.fileName)).toEqual(["evil.pdf", "copy.pdf"]);
    const row = await db.selectFrom("documents").select("removed_at").where("id", "=", mine.id).executeTakeFirstOrThrow();
    expect(row.removed_at).not.toBeNull();
    expect((await listDocuments(db, otherApplicationId)).map((d) => d.id)).toEqual([theirs.id]);
  });
});

describe("reading an upload form", () => {
  const url = "http://localhost/applications/x";
  const post = (form: FormData, headers: Record<string, string> = { Origin: "http://localhost" }) =>
    new Request(url, { method: "POST", body: form, headers });
  const status = (error: unknown) => {
    if (error instanceof Response) return error.status;
    throw error;
  };
  const read = async (request: Request, fields: string[]) => {
    const result = await readUploadForm(request, { csrf: "token" }, fields);
    if (!result.ok) throw new Error(`refused: ${result.problem}`);
    return result;
  };
  /** A body as a browser writes it, with the part headers given as they are. */
  const raw = (parts: string[], boundary = "----WebKitFormBoundaryq1w2e3") =>
    new Request(url, {
      method: "POST",
      body: parts.map((part) => `--${boundary}\r\n${part}\r\n`).join("") + `--${boundary}--\r\n`,
      headers: { Origin: "http://localhost", "Content-Type": `multipart/form-data; boundary=${boundary}` },
    });

  it("returns the fields and asked-for files, turning an oversized file into a rejection, not an error", async () => {
    const form = new FormData();
    form.append("csrf", "token");
    form.append("note", "hello");
    form.append("file-a", new Blob([PDF], { type: "application/pdf" }), "../contract.pdf");
    form.append("file-b", new Blob([new Uint8Array(MAX_FILE_BYTES + 10)]), "huge.pdf");
    form.append("after", "still read"); // read on after the oversized part
    form.append("file-x", new Blob([PDF]), "not-asked.pdf");
    form.append("file-c", new Blob([]), ""); // an empty file input: no file
    const result = await read(post(form), ["file-a", "file-b", "file-c"]);
    expect(result.fields).toEqual({ csrf: "token", note: "hello", after: "still read" });
    expect(result.files.map((file) => [file.field, file.fileName, file.bytes.length])).toEqual([["file-a", "contract.pdf", PDF.length]]);
    expect(result.files[0]!.bytes).toEqual(PDF);
    expect(result.rejected).toEqual([{ field: "file-b", fileName: "huge.pdf", reason: "too-large" }]);
  });

  it("reads file names as browsers send them: markup, '=' and ';' inside the quotes, bidi controls", async () => {
    const pdf = new TextDecoder("latin1").decode(PDF);
    const file = (name: string) => `Content-Disposition: form-data; name="doc"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n${pdf}`;
    const result = await read(
      raw([
        'Content-Disposition: form-data; name="csrf"\r\n\r\ntoken',
        file("<img src=x onerror=alert(1)>.pdf"),
        file("a=b;c.pdf"),
        file("invoice\u202Efdp.exe"),
        file("%22quoted%22.pdf"), // Chromium's escape of a double quote
      ]),
      ["doc"],
    );
    expect(result.files.map((f) => f.fileName)).toEqual(["img src=x onerror=alert(1).pdf", "a=b;c.pdf", "invoicefdp.exe", "quoted.pdf"]);
    expect(result.files.every((f) => f.bytes.length === PDF.length)).toBe(true);
  });

  it("accepts a post without an Origin header (same-origin navigation) with the right token", async () => {
    const form = new FormData();
    form.append("csrf", "token");
    form.append("doc", new Blob([PDF]), "a.pdf");
    const result = await read(post(form, { "Sec-Fetch-Site": "same-origin" }), ["doc"]);
    expect(result.files).toHaveLength(1);
  });

  it("refuses a wrong or missing CSRF token and another site's post (403)", async () => {
    const form = (csrf?: string) => {
      const f = new FormData();
      if (csrf !== undefined) f.append("csrf", csrf);
      f.append("doc", new Blob([PDF]), "a.pdf");
      return f;
    };
    expect(await readUploadForm(post(form("wrong")), { csrf: "token" }, ["doc"]).catch(status)).toBe(403);
    expect(await readUploadForm(post(form()), { csrf: "token" }, ["doc"]).catch(status)).toBe(403);
    expect(await readUploadForm(post(form("")), { csrf: "" }, ["doc"]).catch(status)).toBe(403);
    expect(await readUploadForm(post(form("token"), { Origin: "https://evil.example" }), { csrf: "token" }, []).catch(status)).toBe(403);
    expect(await readUploadForm(post(form("token"), { "Sec-Fetch-Site": "cross-site" }), { csrf: "token" }, []).catch(status)).toBe(403);
  });

  it("calls a body it cannot read malformed, to be said on the page: cut off, hand-made, not multipart, no boundary", async () => {
    const problem = (request: Request) => readUploadForm(request, { csrf: "token" }, ["doc"]);
    const cut = raw(['Content-Disposition: form-data; name="csrf"\r\n\r\ntoken']);
    const cutBody = (await cut.text()).slice(0, -10);
    const headers = { Origin: "http://localhost", "Content-Type": cut.headers.get("Content-Type")! };
    expect(await problem(new Request(url, { method: "POST", body: cutBody, headers }))).toEqual({ ok: false, problem: "malformed" });
    expect(await problem(new Request(url, { method: "POST", body: "--x\r\nGarbage\r\n--x--", headers: { ...headers, "Content-Type": "multipart/form-data; boundary=x" } }))).toEqual({
      ok: false,
      problem: "malformed",
    });
    const urlEncoded = new Request(url, { method: "POST", body: new URLSearchParams({ csrf: "token" }), headers: { Origin: "http://localhost" } });
    expect(await problem(urlEncoded)).toEqual({ ok: false, problem: "malformed" });
    const noBoundary = new Request(url, { method: "POST", body: "x", headers: { Origin: "http://localhost", "Content-Type": "multipart/form-data" } });
    expect(await problem(noBoundary)).toEqual({ ok: false, problem: "malformed" });
  });

  it("calls a body over the limit too large, by its Content-Length or as it grows, and an oversized text field", async () => {
    const many = new FormData();
    many.append("csrf", "token");
    for (let i = 0; i < 6; i++) many.append(`f${i}`, new Blob([new Uint8Array(MAX_FILE_BYTES)]), `${i}.pdf`);
    const fields = ["f0", "f1", "f2", "f3", "f4", "f5"];
    const chunked = new Request(url, { method: "POST", body: many, headers: { Origin: "http://localhost" } });
    expect(chunked.headers.get("Content-Length")).toBeNull();
    expect(await readUploadForm(chunked, { csrf: "token" }, fields)).toEqual({ ok: false, problem: "too-large" });

    const declared = new Request(url, {
      method: "POST",
      body: many,
      headers: { Origin: "http://localhost", "Content-Length": String(MAX_UPLOAD_BODY_BYTES + 1) },
    });
    expect(await readUploadForm(declared, { csrf: "token" }, fields)).toEqual({ ok: false, problem: "too-large" });

    const bigText = new FormData();
    bigText.append("csrf", "token");
    bigText.append("note", "x".repeat(100 * 1024));
    expect(await readUploadForm(post(bigText), { csrf: "token" }, [])).toEqual({ ok: false, problem: "too-large" });
  });
});
