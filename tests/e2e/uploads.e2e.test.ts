import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PDF } from "../support/files";
import { ANSWERS, as, currentStep, launchBrowser, newContext, signIn, startApplication, submitAndWait, walkForm } from "./browser";

let browser: Browser;
let dir: string;
beforeAll(async () => {
  browser = await launchBrowser();
  dir = mkdtempSync(join(tmpdir(), "sp-e2e-uploads-"));
});
afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A file of `megabytes` that starts and ends like a PDF (big files go by path: Playwright caps buffers). */
function bigPdf(name: string, megabytes: number): string {
  const bytes = new Uint8Array(megabytes * 1024 * 1024);
  bytes.set(PDF);
  bytes.set(PDF.subarray(PDF.length - 7), bytes.length - 7);
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

async function toDocuments(page: Page): Promise<string> {
  const taskList = await startApplication(page);
  await page.goto(`${taskList}/employer`);
  await walkForm(page, ANSWERS, "documents");
  expect(currentStep(page)).toBe("documents");
  return taskList;
}

const fileNames = (page: Page) => page.locator("main .file-list li span").allTextContents();

describe("uploading documents", () => {
  it("with JavaScript, 'upload files' then 'save and continue' keeps each file once", async () => {
    const page = await as(browser, "employer", "en");
    await toDocuments(page);
    const inputs = await page.locator("main input[type=file]").all();
    expect(inputs.length).toBeGreaterThan(1);
    for (const input of inputs) await input.setInputFiles({ name: "real.pdf", mimeType: "application/pdf", buffer: Buffer.from(PDF) });
    await submitAndWait(page, "upload");
    await page.locator("main .notice").waitFor();
    expect(await page.locator("main .notice").textContent()).toContain(`Files uploaded and checked: ${inputs.length}.`);
    // The inputs were emptied: nothing is sent twice.
    for (const input of await page.locator("main input[type=file]").all()) expect(await input.evaluate((el) => (el as HTMLInputElement).files?.length)).toBe(0);
    await submitAndWait(page, "continue");
    await page.waitForURL(/\/check$/);
    expect(await page.locator("main").textContent()).not.toContain("real.pdf, real.pdf");

    // Back on the step: one stored file per item, each named once.
    await page.goto(page.url().replace(/\/check$/, "/documents"));
    const names = await fileNames(page);
    expect(names).toHaveLength(inputs.length);
    expect(names.every((name) => name.startsWith("real.pdf"))).toBe(true);
    await page.context().close();
  });

  for (const javaScriptEnabled of [true, false]) {
    it(`answers an over-large upload on the page ${javaScriptEnabled ? "with" : "without"} JavaScript, keeping nothing`, async () => {
      const context = await newContext(browser, { javaScriptEnabled, locale: "en-BE" });
      const page = await context.newPage();
      await signIn(page, "employer");
      await toDocuments(page);
      const inputs = await page.locator("main input[type=file]").all();

      // One 50 MB file: within what one post may carry, over what a file may be.
      await inputs[0]!.setInputFiles(bigPdf("scan-50.pdf", 50));
      await submitAndWait(page, "upload");
      await page.locator("main .error-summary").waitFor();
      expect(await page.locator("main .error-summary").textContent()).toMatch(/scan-50\.pdf[\s\S]*\b10 M[Bo]/);

      // Two of 30 MB: over what one post may carry.
      await inputs[0]!.setInputFiles(bigPdf("a-30.pdf", 30));
      await inputs[1]!.setInputFiles(bigPdf("b-30.pdf", 30));
      await submitAndWait(page, "upload");
      await page.locator("main .error-summary").waitFor();
      expect(await page.locator("main .error-summary").textContent()).toMatch(/\b50 M[Bo]/);
      expect(await fileNames(page)).toEqual([]);
      await context.close();
    });
  }
});
