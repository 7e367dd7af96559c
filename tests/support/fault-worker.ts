// A worker process for the fault tests (tests/integration/faults.test.ts): runs the real
// outbox delivery, with the local e-Box and cadastre, against PGLITE_DIR (a PGlite data
// directory) or DATABASE_URL, and stops dead inside the first call to FAULT_CHANNEL
// ("ebox" or "cadastre"), after the stub has written and before the call returns: it prints
// "in-flight <delivery key>" and waits there, its transaction open, to be killed with SIGKILL.
// Without FAULT_CHANNEL it drains what is due and exits, printing "drained <n>".
import { databaseFromEnv } from "../../app/db/db.server";
import { deliverPending, localChannels, type DeliveryChannels } from "../../app/delivery/delivery.server";
import { localDocumentStore } from "../../app/documents/store.server";

const channel = process.env.FAULT_CHANNEL;
const base = localChannels(localDocumentStore(process.env.DOCUMENTS_DIR));
let blocked = false;

/** Never returns: the delivery stays in flight until the process is killed. */
function stayInFlight(key: string): Promise<never> {
  blocked = true;
  process.stdout.write(`in-flight ${key}\n`);
  setInterval(() => {}, 1 << 30);
  return new Promise<never>(() => {});
}

const channels: DeliveryChannels = {
  store: base.store,
  ebox: (trx) => {
    const real = base.ebox(trx);
    return {
      async deliver(message) {
        await real.deliver(message);
        if (channel === "ebox" && !blocked) await stayInFlight(message.key);
      },
    };
  },
  cadastre: (trx) => {
    const real = base.cadastre(trx);
    return {
      async feed(entry) {
        await real.feed(entry);
        if (channel === "cadastre" && !blocked) await stayInFlight(entry.key);
      },
    };
  },
};

const db = databaseFromEnv();
const { delivered } = await deliverPending(db, channels);
// Reached only when nothing of FAULT_CHANNEL was due.
process.stdout.write(`drained ${delivered}\n`);
await db.destroy();
