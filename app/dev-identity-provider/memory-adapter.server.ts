import type { Adapter, AdapterPayload } from "oidc-provider";

/**
 * Where the development identity provider keeps its sessions, interactions, codes and
 * tokens: in this process's memory, gone at restart (then people sign in again). The
 * provider runs in one process beside the portal, so nothing needs sharing.
 */
const store = new Map<string, { payload: AdapterPayload; expiresAt: number }>();

function live(key: string): AdapterPayload | undefined {
  const entry = store.get(key);
  if (!entry) return undefined;
  if (entry.expiresAt <= Date.now()) {
    store.delete(key);
    return undefined;
  }
  return entry.payload;
}

export class MemoryAdapter implements Adapter {
  constructor(private readonly model: string) {}

  #key(id: string) {
    return `${this.model}:${id}`;
  }

  async upsert(id: string, payload: AdapterPayload, expiresIn?: number) {
    // Expired entries go when they are next read, or here, so the map does not grow for ever.
    if (store.size > 10_000) for (const key of store.keys()) live(key);
    store.set(this.#key(id), { payload, expiresAt: expiresIn ? Date.now() + expiresIn * 1000 : Number.POSITIVE_INFINITY });
  }

  async find(id: string) {
    return live(this.#key(id));
  }

  async findByUid(uid: string) {
    for (const [key, entry] of store) if (key.startsWith(`${this.model}:`) && entry.payload.uid === uid) return live(key);
    return undefined;
  }

  async findByUserCode(userCode: string) {
    for (const [key, entry] of store) if (key.startsWith(`${this.model}:`) && entry.payload.userCode === userCode) return live(key);
    return undefined;
  }

  async consume(id: string) {
    const payload = live(this.#key(id));
    if (payload) payload.consumed = Math.floor(Date.now() / 1000);
  }

  async destroy(id: string) {
    store.delete(this.#key(id));
  }

  async revokeByGrantId(grantId: string) {
    for (const [key, entry] of store) if (entry.payload.grantId === grantId) store.delete(key);
  }
}
