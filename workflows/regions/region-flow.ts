import { createActor, setup, type AnyStateMachine } from "xstate";
import type { RegionForm } from "../../forms/regions";

/** What a region's flow decides its steps by: answers of the common steps. */
export interface RegionFacts {
  category: string;
}

/** One authority's part of the form: its questions (forms/regions/) and the machine that orders them. */
export interface RegionFlow {
  form: RegionForm;
  /** States named after the form's step ids, advanced by NEXT, ending in a final state. */
  machine: AnyStateMachine;
}

/**
 * The region's steps for these facts, in order: starts the machine and follows NEXT from
 * step to step until it is done. Which steps appear is the machine's guards' business.
 */
export function regionStepIds(flow: RegionFlow, facts: RegionFacts): string[] {
  const actor = createActor(flow.machine, { input: facts }).start();
  const steps: string[] = [];
  const known = new Set(flow.form.steps.map((step) => step.id));
  // A machine with a step that loops on NEXT would never finish: the bound keeps that a test failure.
  while (actor.getSnapshot().status === "active" && steps.length <= known.size) {
    const step = String(actor.getSnapshot().value);
    if (!known.has(step)) throw new Error(`${flow.form.authority}: the flow entered "${step}", which is not a step of its form`);
    steps.push(step);
    actor.send({ type: "NEXT" });
  }
  actor.stop();
  if (steps.length > known.size) throw new Error(`${flow.form.authority}: the flow does not finish`);
  return steps;
}

/**
 * The flow of an authority that always asks its own step, then the season's sector and
 * dates for seasonal work (Wallonia, Brussels-Capital, the German-speaking Community today).
 * An authority whose order differs writes its own machine (see flanders.ts).
 */
export function ownStepThenSeason(authority: string, ownStep: string) {
  return setup({
    types: { context: {} as RegionFacts, input: {} as RegionFacts, events: {} as { type: "NEXT" } },
    guards: { seasonal: ({ context }) => context.category === "seasonal" },
  }).createMachine({
    id: authority,
    context: ({ input }) => input,
    initial: ownStep,
    states: {
      [ownStep]: { on: { NEXT: [{ guard: "seasonal", target: `${authority}-seasonal` }, { target: "done" }] } },
      [`${authority}-seasonal`]: { on: { NEXT: "done" } },
      done: { type: "final" },
    },
  });
}
