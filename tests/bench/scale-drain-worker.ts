// One outbox worker of `npm run bench:scale`, in a process of its own (as `npm run worker`
// is): waits for the common start time, drains up to `limit` rows, prints what it did.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDb } from "../../app/db/db.server";
import { deliverPending, localChannels } from "../../app/delivery/delivery.server";
import { localDocumentStore } from "../../app/documents/store.server";

const [url, limitText, startAtText] = process.argv.slice(2);
const db = createDb({ url: url! });
const dir = mkdtempSync(join(tmpdir(), "bench-drain-"));
const channels = localChannels(db, localDocumentStore(dir));
await db.selectFrom("outbox").select("id").limit(1).execute(); // connected before the start
const wait = Number(startAtText) - Date.now();
if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
const started = Date.now();
const { delivered, failed } = await deliverPending(db, channels, undefined, Number(limitText));
const ended = Date.now();
await db.destroy();
rmSync(dir, { recursive: true, force: true });
console.log(JSON.stringify({ delivered, failed, started, ended }));
