import { describe, expect, it } from "vitest";
import { blockedBy, waitingBehindFailed } from "../../app/outbox/held-back";

const row = (id: number, kind: string, status: string, applicationId: string | null = "case-1") => ({ id, kind, status, applicationId });

describe("messages waiting behind a failed one", () => {
  it("are the later pending rows of the same case and kind, under the first failed row", () => {
    const rows = [
      row(1, "ebox.document", "delivered"),
      row(2, "ebox.document", "failed"),
      row(3, "cadastre.feed", "pending"), // another kind: not held
      row(4, "ebox.document", "pending"),
      row(5, "ebox.document", "failed"), // behind 2 as well: listed on its own, with nothing under it
      row(6, "ebox.document", "pending"),
      row(7, "ebox.document", "pending", "case-2"), // another case
      row(8, "ebox.notice", "failed", null), // no case: holds nothing
    ];
    const waiting = waitingBehindFailed(rows);
    expect([...waiting.keys()]).toEqual([2]);
    expect(waiting.get(2)!.map((r) => r.id)).toEqual([4, 6]);
    expect([...blockedBy(rows)]).toEqual([
      [4, 2],
      [6, 2],
    ]);
  });

  it("reads the rows in id order whatever order they come in, and lists nothing older than the failed row under it", () => {
    const rows = [
      row(9, "ebox.document", "pending"),
      row(4, "ebox.document", "failed"),
      row(2, "ebox.document", "pending"), // older than the failed row: not waiting behind it
      row(6, "ebox.document", "failed", "case-2"),
      row(7, "ebox.notice", "pending", "case-2"), // same case, another kind
      row(8, "ebox.document", "pending", "case-2"),
      row(5, "ebox.document", "pending"),
    ];
    const waiting = waitingBehindFailed(rows);
    expect([...waiting].map(([failed, behind]) => [failed, behind.map((r) => r.id)])).toEqual([
      [4, [5, 9]],
      [6, [8]],
    ]);
  });

  it("lists a later failed row of the same case and kind on its own only when no earlier one failed", () => {
    const rows = [row(3, "ebox.document", "failed"), row(5, "cadastre.feed", "failed"), row(6, "cadastre.feed", "pending")];
    expect([...waitingBehindFailed(rows)].map(([failed, behind]) => [failed, behind.map((r) => r.id)])).toEqual([
      [3, []],
      [5, [6]],
    ]);
  });
});
