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
});
