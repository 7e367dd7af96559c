import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { createDb } from "../../app/db/db.server";
import { seedDemoCase, seedDemoData } from "../../app/demo/seed.server";
import { addDays, todayInBelgium } from "../../workflows/legal-clock";
import { openTestDatabase } from "../support/test-db";

/**
 * Issue 14 point 6: `npm run jobs` says what it did, with case references, and does it once
 * (the end-of-stay notices themselves: end-of-stay.test.ts).
 */

const TODAY = todayInBelgium(new Date());

/** Runs `npm run jobs` (scripts/jobs.ts) on the given database; resolves with what it printed. */
function runJobs(env: Record<string, string>): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", new URL("../../scripts/jobs.ts", import.meta.url).pathname], {
      env: { ...process.env, DATABASE_URL: "", PGLITE_DIR: "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.once("exit", (code) => resolve({ code, out, err }));
  });
}

describe("npm run jobs on the demo data", () => {
  it("sends the demo's one seasonal notice, says so with the case reference, and sends nothing the second time", { timeout: 120_000 }, async () => {
    const own = await openTestDatabase({ onDisk: true });
    let demo = own.db;
    try {
      await seedDemoData(demo);
      expect(await seedDemoCase(demo)).toBe(true);
      const seasonal = await demo
        .selectFrom("permits")
        .innerJoin("applications", "applications.id", "permits.application_id")
        .select(["applications.reference", "applications.employer_id", "permits.season_ends_on"])
        .where("applications.employment_category", "=", "seasonal")
        .executeTakeFirstOrThrow();
      expect(seasonal.season_ends_on).toBe(addDays(TODAY, 25));
      const env: Record<string, string> = own.url ? { DATABASE_URL: own.url } : { PGLITE_DIR: own.pgliteDir! };
      // PGlite opens a directory in one process at a time.
      if (own.pgliteDir) await demo.destroy();
      const first = await runJobs(env);
      expect(first.code, first.err).toBe(0);
      expect(first.out).toContain(`End-of-stay notices: 1 sent: ${seasonal.reference}.`);
      expect(first.out).toMatch(/Deadline sweep: 0 deemed grant\(s\); 0 escalation\(s\); 1 lapsed request\(s\) proposed inadmissible: SP-\d{4}-\d{6}\./);
      const second = await runJobs(env);
      expect(second.code, second.err).toBe(0);
      expect(second.out).toContain("End-of-stay notices: 0 sent.");
      expect(second.out).toContain(`Employers warned of a stay ending: ${seasonal.reference} (${addDays(TODAY, 25)}).`);
      expect(second.out).toContain("0 lapsed request(s) proposed inadmissible.");
      if (own.pgliteDir) demo = createDb({ pgliteDir: own.pgliteDir });
      // What the grower finds in his e-Box: the one notice.
      const { enterprise_number } = await demo.selectFrom("employers").select("enterprise_number").where("id", "=", seasonal.employer_id!).executeTakeFirstOrThrow();
      const notices = await demo.selectFrom("ebox_messages").select("subject").where("recipient_id", "=", enterprise_number).where("delivery_key", "like", "end-of-stay%").execute();
      expect(notices).toHaveLength(1);
      expect(notices[0]!.subject).toContain("Het seizoen van Ğül Yılmaz eindigt op");
    } finally {
      if (own.pgliteDir && demo !== own.db) await demo.destroy();
      await own.drop().catch(() => undefined);
    }
  });
});
