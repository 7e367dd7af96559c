import { setup } from "xstate";
import { flanders } from "../../forms/regions/flanders";
import type { RegionFacts, RegionFlow } from "./region-flow";

/**
 * Flanders asks for labour-market test evidence for shortage occupations, "other" jobs
 * and seasonal work (not for highly qualified, executive, Blue Card, ICT or researchers),
 * then the season's sector and dates for seasonal work.
 */
const machine = setup({
  types: { context: {} as RegionFacts, input: {} as RegionFacts, events: {} as { type: "NEXT" } },
  guards: {
    needsLabourMarketTest: ({ context }) => ["shortage-occupation", "other", "seasonal"].includes(context.category),
    seasonal: ({ context }) => context.category === "seasonal",
  },
}).createMachine({
  id: "flanders",
  context: ({ input }) => input,
  initial: "routing",
  states: {
    routing: {
      always: [{ guard: "needsLabourMarketTest", target: "flanders-labour-market" }, { target: "done" }],
    },
    "flanders-labour-market": {
      on: { NEXT: [{ guard: "seasonal", target: "flanders-seasonal" }, { target: "done" }] },
    },
    "flanders-seasonal": { on: { NEXT: "done" } },
    done: { type: "final" },
  },
});

export const flandersFlow: RegionFlow = { form: flanders, machine };
