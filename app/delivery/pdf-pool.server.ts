import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { fileURLToPath } from "node:url";
import { renderDecisionPdf, type DecisionDocument } from "./decision-pdf.server";

/**
 * Decision PDFs are rendered off the event loop, in a small pool of worker threads
 * (issue #15: a render is tens of milliseconds of CPU, which every request waiting behind
 * it on the event loop paid). The outbox delivery uses it (delivery.server.ts).
 *
 * A pool thread runs the same module file as the server: the production bundle
 * (build/server/index.js), loaded again inside the thread, where the block below answers
 * render requests. Run from TypeScript sources (tests, the development server) there is no
 * such file to load, and the PDF is rendered in this thread as before.
 */
const ROLE = "decision-pdf";
type RenderJob = { id: number; document: DecisionDocument };
type Answer = { id: number; bytes: Uint8Array } | { id: number; error: string };

if (!isMainThread && (workerData as { role?: string } | null)?.role === ROLE) {
  const port = parentPort!;
  port.on("message", ({ id, document }: RenderJob) => {
    renderDecisionPdf(document).then(
      (bytes) => port.postMessage({ id, bytes } satisfies Answer, [bytes.buffer as ArrayBuffer]),
      (error: unknown) => port.postMessage({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies Answer),
    );
  });
}

const moduleFile = fileURLToPath(import.meta.url);
/** Only a built (JavaScript) module can be loaded as a thread without a TypeScript loader. */
const canUseThreads = isMainThread && moduleFile.endsWith(".js");
/** Threads in the pool: PDF_WORKERS, else one (the machine kind has two cores, shared with the server). */
const POOL_SIZE = Math.max(1, Number(process.env.PDF_WORKERS) || 1);

/**
 * How long a thread with nothing to render lives on: PDF_POOL_IDLE_MS, else a minute. A
 * thread holds its own copy of the server module and its heap (tens of MB of resident
 * memory, docs/decisions/018-speed.md) while decisions are rare; the next render after a
 * pause starts a thread again (fonts included) on that thread, not on the event loop.
 */
const IDLE_MS = Number(process.env.PDF_POOL_IDLE_MS) >= 0 && process.env.PDF_POOL_IDLE_MS ? Number(process.env.PDF_POOL_IDLE_MS) : 60_000;

interface PoolThread {
  worker: Worker;
  pending: Map<number, { resolve: (bytes: Uint8Array) => void; reject: (error: Error) => void }>;
  idleTimer?: NodeJS.Timeout;
}

const threads: PoolThread[] = [];
let nextId = 0;

function startThread(): PoolThread {
  const worker = new Worker(moduleFile, { workerData: { role: ROLE } });
  const thread: PoolThread = { worker, pending: new Map() };
  worker.unref();
  worker.on("message", (answer: Answer) => {
    const waiting = thread.pending.get(answer.id);
    if (!waiting) return;
    thread.pending.delete(answer.id);
    if (thread.pending.size === 0) {
      worker.unref();
      clearTimeout(thread.idleTimer);
      thread.idleTimer = setTimeout(() => {
        if (thread.pending.size > 0 || !threads.includes(thread)) return;
        // Out of the pool first, so its exit is no failure.
        threads.splice(threads.indexOf(thread), 1);
        void worker.terminate();
      }, IDLE_MS).unref();
    }
    if ("bytes" in answer) waiting.resolve(new Uint8Array(answer.bytes.buffer, answer.bytes.byteOffset, answer.bytes.byteLength));
    else waiting.reject(new Error(`decision PDF failed in its thread: ${answer.error}`));
  });
  // A thread that dies fails what it was doing (the outbox tries again) and is replaced on the next render.
  const fail = (error: Error) => {
    threads.splice(threads.indexOf(thread), 1);
    for (const waiting of thread.pending.values()) waiting.reject(error);
    thread.pending.clear();
  };
  worker.on("error", fail);
  worker.on("exit", (code) => {
    if (threads.includes(thread)) fail(new Error(`decision PDF thread exited with ${code}`));
  });
  threads.push(thread);
  return thread;
}

/** Renders a decision PDF in the pool (the least busy thread), or here when threads cannot be used. */
export function renderDecisionPdfOffThread(document: DecisionDocument): Promise<Uint8Array> {
  if (!canUseThreads) return renderDecisionPdf(document);
  const idle = threads.find((thread) => thread.pending.size === 0);
  const thread = idle ?? (threads.length < POOL_SIZE ? startThread() : threads.reduce((a, b) => (b.pending.size < a.pending.size ? b : a)));
  const id = ++nextId;
  clearTimeout(thread.idleTimer);
  return new Promise<Uint8Array>((resolve, reject) => {
    thread.pending.set(id, { resolve, reject });
    // Keeps a script (npm run worker, jobs) alive while a render is under way, not after.
    thread.worker.ref();
    thread.worker.postMessage({ id, document } satisfies RenderJob);
  });
}

/** Stops the pool's threads (shutdown). */
export async function stopPdfPool(): Promise<void> {
  const stopping = threads.splice(0);
  for (const thread of stopping) clearTimeout(thread.idleTimer);
  await Promise.all(stopping.map((thread) => thread.worker.terminate()));
}
