// regionStepIds is the check a region's flow must pass: a machine that enters a state its
// form does not define, or never finishes, is a broken flow and must fail loudly (a test
// failure), not plan a step nobody can answer or hang a request.
import { createMachine } from "xstate";
import { describe, expect, it } from "vitest";
import type { RegionForm } from "../../forms/regions";
import { regionStepIds, type RegionFlow } from "../../workflows/regions/region-flow";

const form = (...ids: string[]) => ({ authority: "wallonia", salaryGrid: [], steps: ids.map((id) => ({ id })) }) as unknown as RegionForm;

describe("a region's flow that does not fit its form", () => {
  it("refuses a flow that enters a step its form does not define, naming the authority and the step", () => {
    const machine = createMachine({ initial: "wallonia-declarations", states: { "wallonia-declarations": { on: { NEXT: "wallonia-typo" } }, "wallonia-typo": { on: { NEXT: "done" } }, done: { type: "final" } } });
    const flow: RegionFlow = { form: form("wallonia-declarations"), machine };
    expect(() => regionStepIds(flow, { category: "other" })).toThrow('wallonia: the flow entered "wallonia-typo", which is not a step of its form');
  });

  it("refuses a flow that never finishes, even with a single step that loops on itself", () => {
    const loopsOnOne = createMachine({ initial: "wallonia-declarations", states: { "wallonia-declarations": { on: { NEXT: "wallonia-declarations" } } } });
    expect(() => regionStepIds({ form: form("wallonia-declarations"), machine: loopsOnOne }, { category: "other" })).toThrow("wallonia: the flow does not finish");
    const loopsOnTwo = createMachine({ initial: "a", states: { a: { on: { NEXT: "b" } }, b: { on: { NEXT: "a" } } } });
    expect(() => regionStepIds({ form: form("a", "b"), machine: loopsOnTwo }, { category: "other" })).toThrow("wallonia: the flow does not finish");
  });

  it("follows a flow that asks every step of its form once, in its order", () => {
    const machine = createMachine({ initial: "a", states: { a: { on: { NEXT: "b" } }, b: { on: { NEXT: "done" } }, done: { type: "final" } } });
    expect(regionStepIds({ form: form("a", "b"), machine }, { category: "other" })).toEqual(["a", "b"]);
  });
});
