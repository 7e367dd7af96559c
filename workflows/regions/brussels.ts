import { setup } from "xstate";
import { brussels } from "../../forms/regions/brussels";
import type { RegionFacts, RegionFlow } from "./region-flow";

/** Brussels-Capital always asks its contract step, then the season's sector and dates for seasonal work. */
const machine = setup({
  types: { context: {} as RegionFacts, input: {} as RegionFacts, events: {} as { type: "NEXT" } },
  guards: { seasonal: ({ context }) => context.category === "seasonal" },
}).createMachine({
  id: "brussels",
  context: ({ input }) => input,
  initial: "brussels-contract",
  states: {
    "brussels-contract": {
      on: { NEXT: [{ guard: "seasonal", target: "brussels-seasonal" }, { target: "done" }] },
    },
    "brussels-seasonal": { on: { NEXT: "done" } },
    done: { type: "final" },
  },
});

export const brusselsFlow: RegionFlow = { form: brussels, machine };
