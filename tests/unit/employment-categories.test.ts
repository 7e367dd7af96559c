import { describe, expect, it } from "vitest";
import { isEmploymentCategory, isQueueCategory, QUEUE_CATEGORIES, queueCategory } from "../../forms/employment-categories";

// The queue's and the published processing times' categories (forms/employment-categories.ts).
describe("a case's category in the queue", () => {
  it("is its kind for an unlimited permit and a change of employer, its employment category otherwise", () => {
    expect(queueCategory("permanent", null)).toBe("permanent");
    expect(queueCategory("change-of-employer", "seasonal")).toBe("change-of-employer");
    expect(queueCategory("single", "seasonal")).toBe("seasonal");
    expect(queueCategory("renewal", "researcher")).toBe("researcher");
    expect(queueCategory("single", null)).toBeNull();
  });

  it("lists the eight employment categories and the two kinds, and accepts nothing else", () => {
    expect(QUEUE_CATEGORIES).toHaveLength(10);
    for (const category of QUEUE_CATEGORIES) expect(isQueueCategory(category)).toBe(true);
    expect(isQueueCategory("single")).toBe(false);
    expect(isQueueCategory("all")).toBe(false);
    expect(isQueueCategory(null)).toBe(false);
    expect(isQueueCategory(undefined)).toBe(false);
    expect(isEmploymentCategory("permanent")).toBe(false);
    expect(isEmploymentCategory(["seasonal"])).toBe(false);
  });
});
