import { createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, rename, stat, unlink, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";

/**
 * Where document bytes live. The local store keeps each content once, named by its
 * SHA-256, outside the web root; an S3-compatible store would implement the same two methods.
 */
export interface DocumentStore {
  put(bytes: Uint8Array): Promise<{ sha256: string }>;
  get(sha256: string): Promise<Uint8Array | null>;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Files under `root/ab/cd/<sha256>`; written aside and renamed, so a crash never leaves half a file. */
export function localDocumentStore(root = process.env.DOCUMENTS_DIR ?? "./data/documents"): DocumentStore {
  const pathOf = (sha256: string) => join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  return {
    async put(bytes) {
      const sha256 = createHash("sha256").update(bytes).digest("hex");
      const path = pathOf(sha256);
      const exists = await stat(path).then(
        () => true,
        () => false,
      );
      if (!exists) {
        await mkdir(dirname(path), { recursive: true });
        const temporary = `${path}.${randomBytes(6).toString("hex")}.tmp`;
        try {
          await writeFile(temporary, bytes, { mode: 0o600, flag: "wx" });
          // Same content under the same name: a concurrent put of the same bytes is harmless.
          await rename(temporary, path);
        } catch (error) {
          await unlink(temporary).catch(() => undefined);
          throw error;
        }
      }
      return { sha256 };
    },
    async get(sha256) {
      if (!SHA256_HEX.test(sha256)) return null;
      return readFile(pathOf(sha256)).then(
        (buffer) => new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength),
        () => null,
      );
    },
  };
}
