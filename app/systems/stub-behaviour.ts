/**
 * How a local stub of an outside system behaves (docs/decisions/017-outside-systems.md).
 * Each stub holds one of these; whoever composed the systems (the server at start, a test)
 * may change it, to see the portal meet a system that fails, never answers, answers late,
 * or does what it was asked and then loses the answer. The product code never reads it:
 * only the stubs do, the way a real system's behaviour is outside the portal's control.
 */
export interface StubBehaviour {
  /** Every call fails with this message, as an unreachable or refusing system's would. */
  failWith: string | null;
  /** Calls never answer: the portal's own time limit decides. */
  hang: boolean;
  /** Calls answer this many milliseconds late. */
  delayMs: number;
  /** The system does what it was asked, then its answer is lost: done, but the portal cannot know. */
  loseAnswer: boolean;
}

export function normalBehaviour(): StubBehaviour {
  return { failWith: null, hang: false, delayMs: 0, loseAnswer: false };
}

/** An outside system did not answer, or answered with an error. */
export class OutsideSystemError extends Error {
  constructor(
    readonly system: string,
    why: string,
  ) {
    super(`${system}: ${why}`);
  }
}

/** What a stub does before it acts: fail, hang, or wait, as told. */
export async function beforeCall(system: string, behaviour: StubBehaviour): Promise<void> {
  if (behaviour.failWith !== null) throw new OutsideSystemError(system, behaviour.failWith);
  if (behaviour.hang) await new Promise<never>(() => {});
  if (behaviour.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, behaviour.delayMs));
}

/** What a stub does after it acted, before it answers. */
export function afterCall(system: string, behaviour: StubBehaviour): void {
  if (behaviour.loseAnswer) throw new OutsideSystemError(system, "no answer");
}

/**
 * The portal's side of every call to an outside system: an answer within `ms`, or an
 * OutsideSystemError. The call itself is not cancelled (a real one cannot be either); a
 * receiver that acts late is why the receivers de-duplicate on the key.
 */
export async function withinTimeLimit<T>(system: string, ms: number, call: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new OutsideSystemError(system, `no answer within ${ms} ms`)), ms);
    timer.unref();
  });
  try {
    return await Promise.race([call(), limit]);
  } finally {
    clearTimeout(timer);
  }
}
