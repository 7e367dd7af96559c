import type { DB } from "../db/db.server";
import { localDocumentStore, type DocumentStore } from "../documents/store.server";
import { localCadastre, type LocalCadastre } from "../delivery/cadastre.server";
import { localEbox, type LocalEbox } from "../delivery/ebox.server";
import { localEnterpriseRegister, type EnterpriseRegister, type LocalEnterpriseRegister } from "../registers/enterprise-register.server";
import { localNationalRegister, type LocalNationalRegister, type NationalRegister } from "../registers/national-register.server";

/**
 * The outside systems the portal delivers to and asks, composed once per database
 * (docs/decisions/017-outside-systems.md): each is an interface with a local stub that
 * keeps its own state in its own tables, written in its own transactions. A deployment
 * with real systems installs them at start (`installOutsideSystems`); a test takes the
 * local ones and tells them how to behave (`behaviour`).
 */
export interface LocalSystems {
  ebox: LocalEbox;
  cadastre: LocalCadastre;
  nationalRegister: LocalNationalRegister;
  enterpriseRegister: LocalEnterpriseRegister;
  /** Where the e-Box stub keeps its messages' attachments (a real e-Box keeps its own). */
  store: DocumentStore;
  /** How long the portal waits for an outside system's answer. */
  timeLimitMs: number;
}

export type OutsideSystems = Pick<LocalSystems, "store" | "timeLimitMs"> & {
  ebox: import("../delivery/ebox.server").EboxClient;
  cadastre: import("../delivery/cadastre.server").CadastreClient & import("../delivery/cadastre.server").CadastreImportClient;
  nationalRegister: NationalRegister;
  enterpriseRegister: EnterpriseRegister;
};

/** Default time limit on an outside system's answer (OUTSIDE_SYSTEM_TIME_LIMIT_MS, default 30 s). */
export function outsideTimeLimitMs(env: string | undefined = process.env.OUTSIDE_SYSTEM_TIME_LIMIT_MS): number {
  const ms = Number(env ?? 30_000);
  return Number.isInteger(ms) && ms >= 1 ? ms : 30_000;
}

export function localSystems(db: DB, store: DocumentStore = localDocumentStore()): LocalSystems {
  return { ebox: localEbox(db, store), cadastre: localCadastre(db), nationalRegister: localNationalRegister(db), enterpriseRegister: localEnterpriseRegister(db), store, timeLimitMs: outsideTimeLimitMs() };
}

/** Per database: the development server reloads modules but keeps the database. */
const shared = globalThis as typeof globalThis & { __outsideSystems?: WeakMap<DB, OutsideSystems> };
const installed = (shared.__outsideSystems ??= new WeakMap());

/** The systems this database's portal talks to: those installed, else the local stubs (made on first use). */
export function outsideSystems(db: DB): OutsideSystems {
  const known = installed.get(db);
  if (known) return known;
  const local = localSystems(db);
  installed.set(db, local);
  return local;
}

export function installOutsideSystems<S extends OutsideSystems>(db: DB, systems: S): S {
  installed.set(db, systems);
  return systems;
}
