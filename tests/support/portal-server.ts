// The built portal as `npm start` runs it (server.js, production mode, demo data), started by
// the e2e tests and by the benches that measure what a browser or a client gets from it.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";

export interface PortalServer {
  baseUrl: string;
  /** The server's process id (the HTTP bench reads its CPU time from /proc). */
  pid: number;
  /** Everything the server printed so far, stdout and stderr. */
  output(): string;
  /** SIGTERM, then waits until it has exited (the server drains and closes its database). */
  stop(): Promise<void>;
}

export interface PortalOptions {
  port: number;
  /** The database (DATABASE_URL, or PGLITE_DIR with an empty DATABASE_URL), the session secret, and what else the caller sets. */
  env: Record<string, string>;
  /** Before server.js, e.g. --cpu-prof. */
  nodeArgs?: string[];
  /** The checkout whose build is served (default: the current directory). */
  cwd?: string;
  startTimeoutMs?: number;
}

/** Any port free on 127.0.0.1 at the moment of asking. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** Starts server.js and resolves once it prints "ready at"; a server that exits or stays silent is stopped and the start rejects with what it printed. */
export async function startPortal({ port, env, nodeArgs = [], cwd, startTimeoutMs = 120_000 }: PortalOptions): Promise<PortalServer> {
  const server: ChildProcess = spawn(process.execPath, [...nodeArgs, "server.js"], {
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", SEED_DEMO: "1", ...env },
    cwd,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  server.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  server.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const stop = async () => {
    if (server.exitCode !== null || server.signalCode !== null) return;
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGTERM");
    await exited;
  };
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start within ${startTimeoutMs} ms:\n${output}`)), startTimeoutMs);
      // Registered after the collector above, so `output` already holds this chunk.
      const ready = () => {
        if (!output.includes("ready at")) return;
        clearTimeout(timer);
        server.stdout!.off("data", ready);
        resolve();
      };
      server.stdout!.on("data", ready);
      server.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`server exited with ${code}:\n${output}`));
      });
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl: `http://127.0.0.1:${port}`, pid: server.pid!, output: () => output, stop };
}
