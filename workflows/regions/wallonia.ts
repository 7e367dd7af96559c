import { setup } from "xstate";
import { wallonia } from "../../forms/regions/wallonia";
import type { RegionFacts, RegionFlow } from "./region-flow";

/** Wallonia always asks its declarations step, then the season's sector and dates for seasonal work. */
const machine = setup({
  types: { context: {} as RegionFacts, input: {} as RegionFacts, events: {} as { type: "NEXT" } },
  guards: { seasonal: ({ context }) => context.category === "seasonal" },
}).createMachine({
  id: "wallonia",
  context: ({ input }) => input,
  initial: "wallonia-declarations",
  states: {
    "wallonia-declarations": {
      on: { NEXT: [{ guard: "seasonal", target: "wallonia-seasonal" }, { target: "done" }] },
    },
    "wallonia-seasonal": { on: { NEXT: "done" } },
    done: { type: "final" },
  },
});

export const walloniaFlow: RegionFlow = { form: wallonia, machine };
