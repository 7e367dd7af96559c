import { setup } from "xstate";
import { dg } from "../../forms/regions/dg";
import type { RegionFacts, RegionFlow } from "./region-flow";

/** the German-speaking Community always asks its contract step, then the season's sector and dates for seasonal work. */
const machine = setup({
  types: { context: {} as RegionFacts, input: {} as RegionFacts, events: {} as { type: "NEXT" } },
  guards: { seasonal: ({ context }) => context.category === "seasonal" },
}).createMachine({
  id: "dg",
  context: ({ input }) => input,
  initial: "dg-contract",
  states: {
    "dg-contract": {
      on: { NEXT: [{ guard: "seasonal", target: "dg-seasonal" }, { target: "done" }] },
    },
    "dg-seasonal": { on: { NEXT: "done" } },
    done: { type: "final" },
  },
});

export const dgFlow: RegionFlow = { form: dg, machine };
