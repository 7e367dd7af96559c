// A worker process for the fault tests (tests/integration/faults.test.ts): runs the real
// outbox delivery, with the local e-Box and cadastre, against PGLITE_DIR (a PGlite data
// directory) or DATABASE_URL, and stops dead inside the first call to FAULT_CHANNEL
// ("ebox" or "cadastre"), after the stub has received the delivery (committed in its own
// transaction) and before the call returns: it prints "in-flight <delivery key>" and waits
// there, the delivery not recorded, to be killed with SIGKILL. FAULT_LATER_MS runs its clock
// that much ahead (past the lease of rows a killed worker claimed). Without FAULT_CHANNEL it
// drains what is due and exits, printing "drained <n>".
import { databaseFromEnv } from "../../app/db/db.server";
import { deliverPending, localChannels, type DeliveryChannels } from "../../app/delivery/delivery.server";
import { localDocumentStore } from "../../app/documents/store.server";

const channel = process.env.FAULT_CHANNEL;
const db = databaseFromEnv();
const base = localChannels(db, localDocumentStore(process.env.DOCUMENTS_DIR));
let blocked = false;

/** Never returns: the delivery stays in flight until the process is killed. */
function stayInFlight(key: string): Promise<never> {
  blocked = true;
  process.stdout.write(`in-flight ${key}\n`);
  setInterval(() => {}, 1 << 30);
  return new Promise<never>(() => {});
}

const channels: DeliveryChannels = {
  ...base,
  timeLimitMs: 1 << 30,
  ebox: {
    async deliver(message) {
      await base.ebox.deliver(message);
      if (channel === "ebox" && !blocked) await stayInFlight(message.key);
    },
  },
  cadastre: {
    consult: (criteria) => base.cadastre.consult(criteria),
    recordUnemployment: (entry) => base.cadastre.recordUnemployment(entry),
    recordStep: (step) => base.cadastre.recordStep(step),
    async feed(entry) {
      await base.cadastre.feed(entry);
      if (channel === "cadastre" && !blocked) await stayInFlight(entry.key);
    },
  },
};

const later = Number(process.env.FAULT_LATER_MS ?? 0);
const { delivered } = await deliverPending(db, channels, () => new Date(Date.now() + later));
// Reached only when nothing of FAULT_CHANNEL was due.
process.stdout.write(`drained ${delivered}\n`);
await db.destroy();
