import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../app/db/db.server";
import { localDocumentStore, readUploadForm, removeDocument, storeDocument } from "../../app/services/documents.server";
import { MAX_FILE_BYTES } from "../../forms/documents";
import { openTestDatabase } from "../support/test-db";

let db: DB;
let drop: () => Promise<void>;
let root: string;
let applicationId: string;
let userId: string;

beforeAll(async () => {
  ({ db, drop } = await openTestDatabase());
  root = mkdtempSync(join(tmpdir(), "sp-documents-"));
  userId = (
    await db.insertInto("users").values({ login: "uploader", display_name: "U", role: "employer", password_hash: "x" }).returning("id").executeTakeFirstOrThrow()
  ).id;
  applicationId = (
    await db
      .insertInto("applications")
      .values({ kind: "single", status: "regional-awaiting-documents", created_by: userId, form_version: 1, form_data: "{}" })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => {
  await drop();
  rmSync(root, { recursive: true, force: true });
});

const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? files(join(dir, entry.name)) : [entry.name]));

describe("storing documents", () => {
  const put = (fileName: string, bytes: Uint8Array) =>
    storeDocument(db, localDocumentStore(root), { applicationId, item: "contract", fileName, bytes, uploadedBy: userId });

  it("keeps a real PDF once by content hash, under a clean name; the same bytes twice are one file", async () => {
    const first = await put("../../evil.pdf", PDF);
    const second = await put("copy.pdf", PDF);
    expect(first.ok && second.ok).toBe(true);
    const rows = await db.selectFrom("documents").select(["file_name", "media_type", "sha256", "size_bytes"]).orderBy("created_at").execute();
    expect(rows.map((row) => row.file_name)).toEqual(["evil.pdf", "copy.pdf"]);
    expect(rows[0]).toMatchObject({ media_type: "application/pdf", size_bytes: PDF.length });
    expect(files(root)).toEqual([rows[0]!.sha256]);
    expect(await localDocumentStore(root).get(rows[0]!.sha256)).toEqual(PDF);
    expect(await localDocumentStore(root).get("../../etc/passwd")).toBeNull();
  });

  it("refuses an executable named .pdf, an empty file, an oversized one and a cut-off PDF, storing nothing", async () => {
    const before = files(root).length;
    const oversized = new Uint8Array(MAX_FILE_BYTES + 1024);
    oversized.set(PDF);
    expect(await put("invoice.pdf", new TextEncoder().encode("MZ\u0090\u0000\u0003 program"))).toEqual({ ok: false, reason: "type" });
    expect(await put("empty.pdf", new Uint8Array())).toEqual({ ok: false, reason: "empty" });
    expect(await put("big.pdf", oversized)).toEqual({ ok: false, reason: "too-large" });
    expect(await put("cut.pdf", PDF.subarray(0, 20))).toEqual({ ok: false, reason: "corrupt" });
    expect(files(root).length).toBe(before);
  });

  it("removes a document only from its own application", async () => {
    const stored = await put("remove-me.pdf", PDF);
    if (!stored.ok) throw new Error("stored");
    await removeDocument(db, { applicationId: "00000000-0000-0000-0000-000000000000", documentId: stored.id });
    expect((await db.selectFrom("documents").select("removed_at").where("id", "=", stored.id).executeTakeFirstOrThrow()).removed_at).toBeNull();
    await removeDocument(db, { applicationId, documentId: stored.id });
    expect((await db.selectFrom("documents").select("removed_at").where("id", "=", stored.id).executeTakeFirstOrThrow()).removed_at).not.toBeNull();
  });
});

describe("reading an upload form", () => {
  const url = "http://localhost/applications/x";
  const post = (form: FormData, origin = "http://localhost") => new Request(url, { method: "POST", body: form, headers: { Origin: origin } });

  it("returns the fields and files, turning an oversized part into a rejection, not an error", async () => {
    const form = new FormData();
    form.append("csrf", "token");
    form.append("note", "hello");
    form.append("file-a", new Blob([PDF], { type: "application/pdf" }), "../contract.pdf");
    const big = new Uint8Array(MAX_FILE_BYTES + 10);
    form.append("file-b", new Blob([big]), "huge.pdf");
    form.append("file-x", new Blob([PDF]), "not-asked.pdf");
    const result = await readUploadForm(post(form), { csrf: "token" }, ["file-a", "file-b"]);
    expect(result.fields).toMatchObject({ csrf: "token", note: "hello" });
    expect(result.files.map((file) => [file.field, file.fileName, file.bytes.length])).toEqual([["file-a", "contract.pdf", PDF.length]]);
    expect(result.rejected).toEqual([{ field: "file-b", fileName: "huge.pdf", reason: "too-large" }]);
  });

  it("refuses a wrong CSRF token and another site's post", async () => {
    const form = () => {
      const f = new FormData();
      f.append("csrf", "wrong");
      return f;
    };
    const wrongToken = await readUploadForm(post(form()), { csrf: "token" }, []).catch((e: Response) => e.status);
    expect(wrongToken).toBe(403);
    const crossSite = await readUploadForm(post(form(), "https://evil.example"), { csrf: "wrong" }, []).catch((e: Response) => e.status);
    expect(crossSite).toBe(403);
  });
});
