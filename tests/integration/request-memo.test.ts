import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../app/db/db.server";
import { seedDemoCase, seedDemoData } from "../../app/demo/seed.server";
import type { RequestMemo } from "../../app/http/request-memo.server";
import { mandateServiceStub, setMandateService } from "../../app/identity/mandates.server";
import { lookUpSession } from "../../app/identity/sessions.server";
import type { RootData } from "../../app/root-data";
import { loader as rootLoader } from "../../app/root";
import { loader as caseLoader } from "../../app/routes/applications.$id";
import { todayInBelgium } from "../../forms/dates";
import { startTestProvider, TestBrowser, type TestProvider } from "../support/sign-in";
import { openTestDatabase } from "../support/test-db";

/**
 * One HTTP request, one look-up of who is signed in (issue #15, docs/decisions/018-speed.md):
 * server.js gives every HTTP request a fresh memo in its load context, and the root loader
 * and the route's loader of a page share it. The mandate service is therefore asked once
 * per page, not once per loader, and a mandate revoked between two requests still closes
 * the enterprise's case on the next one (409, docs/access.md).
 */
let db: DB;
let drop: () => Promise<void>;
let provider: TestProvider;
let asked = 0;

beforeAll(async () => {
  ({ db, drop } = await openTestDatabase());
  await seedDemoData(db);
  await seedDemoCase(db);
  provider = await startTestProvider(db);
  setMandateService({
    mandatesOf: (...args) => {
      asked++;
      return mandateServiceStub.mandatesOf(...args);
    },
  });
});
afterAll(async () => {
  setMandateService(mandateServiceStub);
  await provider.close();
  await drop();
});
afterEach(() => {
  asked = 0;
});

type Loader = (args: { request: Request; params: Record<string, string>; context: { db: DB; clientAddress: string; memo: RequestMemo } }) => Promise<unknown>;

/**
 * A page as Remix serves it: one load context (with the memo server.js makes) for the root
 * loader and the route's loader, running side by side, each with its own Request object.
 */
async function page(browser: TestBrowser, path: string, params: Record<string, string>) {
  const context = { db, clientAddress: "127.0.0.1", memo: {} };
  const run = async (loader: unknown) => {
    try {
      return await (loader as Loader)({ request: browser.request(path), params, context });
    } catch (thrown) {
      if (thrown instanceof Response) return thrown;
      throw thrown;
    }
  };
  const [root, route] = await Promise.all([run(rootLoader), run(caseLoader)]);
  const rootData = (root as { data: RootData }).data;
  return { user: rootData.user, route };
}

describe("the signed-in user, once per HTTP request", () => {
  it("asks the mandate service once for a page, and a mandate revoked since the last request closes the case on the next (409)", async () => {
    const browser = new TestBrowser(db);
    await browser.signIn("employer");
    const lookup = await lookUpSession(db, browser.sessionId!);
    if (lookup.state !== "active") throw new Error("not signed in");
    const user = lookup.session.user;
    const employerId = user.actingFor!.employerId;
    const ownCase = await db
      .selectFrom("applications")
      .select("id")
      .where("employer_id", "=", employerId)
      .where("status", "!=", "draft")
      .executeTakeFirstOrThrow();
    const path = `/applications/${ownCase.id}`;
    asked = 0;

    const first = await page(browser, path, { id: ownCase.id });
    expect(first.route).not.toBeInstanceOf(Response);
    expect(first.user).toMatchObject({ actingFor: { employerId }, mandateCount: 1 });
    expect(asked).toBe(1);

    const second = await page(browser, path, { id: ownCase.id });
    expect(second.route).not.toBeInstanceOf(Response);
    expect(asked).toBe(2);

    // The mandate service's register (the stub's table) revokes the mandate between two requests.
    await db.updateTable("mandates").set({ revoked_on: todayInBelgium(new Date()) }).where("user_id", "=", user.id).where("employer_id", "=", employerId).execute();
    try {
      const third = await page(browser, path, { id: ownCase.id });
      expect(third.route).toBeInstanceOf(Response);
      const refused = third.route as Response;
      expect(refused.status).toBe(409);
      expect(await refused.json()).toEqual({ messageKey: "mandates.ended" });
      // The layout, from the same look-up, no longer shows him acting for it.
      expect(third.user).toMatchObject({ actingFor: null, mandateCount: 0 });
      expect(asked).toBe(3);
    } finally {
      await db.updateTable("mandates").set({ revoked_on: null }).where("user_id", "=", user.id).where("employer_id", "=", employerId).execute();
    }
  });
});
