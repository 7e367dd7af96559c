import { assign, createActor, setup } from "xstate";
import type { RegionalAuthority } from "../forms/authorities";
import type { CompetenceBasis } from "../forms/competent-authority";
import type { FieldErrors } from "../forms/errors";
import { readStepValues, validateStep, type StepValues } from "../forms/form-definition";
import { competenceFor, stepDefinition, type Answers } from "../forms/universal-form";
import { REGION_FLOWS, regionStepIds } from "./regions";

/**
 * The flow of the universal single-permit form: employer → worker → employment → the
 * competent authority's own steps → residence documents → document uploads → check
 * answers. Filing itself is the service's (app/cases/filing.server.ts). The machine's state is the first section not completed yet, so
 * everything before it is done and everything after it cannot start yet. Its context is
 * the draft's answers: the state is derived from them on every request (ADR 009), which is
 * why a draft survives a server restart or a change of the flow without a stored snapshot.
 */
export const SECTIONS = ["employer", "worker", "employment", "regional", "residence", "documents", "check"] as const;
export type SectionId = (typeof SECTIONS)[number];

export interface FormFacts {
  answers: Answers;
  /** Steps whose answers passed the server's checks (and "documents" when every item has a file). */
  completed: readonly string[];
  /** The registered office's postal code: decides the region when no place of work is given. */
  employerSeatPostalCode: string | null;
}

export interface PlannedSection {
  id: SectionId;
  /** Steps in order; the regional section's are unknown (empty) until the employment is answered. */
  steps: string[];
}

export interface FormPlan {
  authority: RegionalAuthority | null;
  /** Why that authority: the place of work, or the registered office when there is none. */
  basis: CompetenceBasis | null;
  sections: PlannedSection[];
  /** Every step in order, check answers last. */
  steps: string[];
}

/** Which steps this application has, given its answers: the region's come from its flow. */
export function planApplication(facts: Pick<FormFacts, "answers" | "employerSeatPostalCode">): FormPlan {
  const employmentAnswered = !!facts.answers.employment?.category;
  const competence = employmentAnswered ? competenceFor(facts.answers, facts.employerSeatPostalCode) : null;
  const authority = competence?.authority ?? null;
  const regional = authority ? regionStepIds(REGION_FLOWS[authority], { category: facts.answers.employment!.category! }) : [];
  const sections: PlannedSection[] = SECTIONS.map((id) => ({
    id,
    steps: id === "regional" ? regional : [id],
  }));
  return { authority, basis: competence?.basis ?? null, sections, steps: sections.flatMap((section) => section.steps) };
}

/**
 * Answers of steps the plan no longer has: the old region's steps when the place of work
 * moved to another region, the seasonal step when the category changed. Dropped before
 * check answers and submit, so nothing stale is ever filed.
 */
export function dropStaleAnswers(facts: FormFacts): FormFacts {
  const steps = new Set(planApplication(facts).steps);
  return {
    ...facts,
    answers: Object.fromEntries(Object.entries(facts.answers).filter(([step]) => steps.has(step))),
    completed: facts.completed.filter((step) => steps.has(step)),
  };
}

function sectionDone(facts: FormFacts, id: SectionId): boolean {
  const section = planApplication(facts).sections.find((candidate) => candidate.id === id)!;
  // The regional section with no steps is done once the region is known (the employment step is).
  return section.steps.every((step) => facts.completed.includes(step));
}

export type FormEvent =
  /** A step was saved; `complete` says whether its answers passed the checks. */
  | { type: "STEP_SAVED"; step: string; values: StepValues; complete: boolean }
  | { type: "DOCUMENTS_CHECKED"; complete: boolean };

const advance = (from: SectionId, to: SectionId) => ({
  always: { guard: { type: "sectionDone" as const, params: { section: from } }, target: to },
});

export const applicationFormMachine = setup({
  types: { context: {} as FormFacts, input: {} as FormFacts, events: {} as FormEvent },
  guards: {
    sectionDone: ({ context }, params: { section: SectionId }) => sectionDone(context, params.section),
  },
  actions: {
    record: assign(({ context, event }) => {
      if (event.type === "STEP_SAVED") {
        const completed = context.completed.filter((step) => step !== event.step);
        return dropStaleAnswers({
          ...context,
          answers: { ...context.answers, [event.step]: event.values },
          completed: event.complete ? [...completed, event.step] : completed,
        });
      }
      // DOCUMENTS_CHECKED, the only other event "record" is wired to.
      const completed = context.completed.filter((step) => step !== "documents");
      return { ...context, completed: event.complete ? [...completed, "documents"] : completed };
    }),
  },
}).createMachine({
  id: "applicationForm",
  context: ({ input }) => dropStaleAnswers(input),
  initial: "employer",
  // Any saved step may change what comes after it: start again from the first section and
  // let each completed section pass the flow on to the next.
  on: {
    STEP_SAVED: { target: ".employer", actions: "record" },
    DOCUMENTS_CHECKED: { target: ".employer", actions: "record" },
  },
  states: {
    employer: advance("employer", "worker"),
    worker: advance("worker", "employment"),
    employment: advance("employment", "regional"),
    regional: advance("regional", "residence"),
    residence: advance("residence", "documents"),
    documents: advance("documents", "check"),
    // Everything before it is done: the applicant checks his answers and submits.
    check: {},
  },
});

export type SectionStatus = "completed" | "in-progress" | "not-started" | "cannot-start-yet";

export interface FormProgress {
  plan: FormPlan;
  facts: FormFacts;
  /** The first section not completed: where the applicant goes on. */
  current: SectionId;
  /** The first step not completed. */
  nextStep: string;
  sections: { id: SectionId; steps: string[]; status: SectionStatus }[];
}

function progressOf(facts: FormFacts, current: SectionId): FormProgress {
  const plan = planApplication(facts);
  const currentIndex = SECTIONS.indexOf(current);
  const sections = plan.sections.map((section, index) => {
    const done = index < currentIndex || (section.steps.length > 0 && section.steps.every((s) => facts.completed.includes(s)));
    const started = section.steps.some((step) => step in facts.answers || facts.completed.includes(step));
    const status: SectionStatus = done ? "completed" : index > currentIndex ? "cannot-start-yet" : started ? "in-progress" : "not-started";
    return { id: section.id, steps: section.steps, status };
  });
  const nextStep = plan.steps.find((step) => !facts.completed.includes(step)) ?? "check";
  return { plan, facts, current, nextStep, sections };
}

/** Where a draft stands, after these events (none: as saved). */
export function formProgress(facts: FormFacts, events: readonly FormEvent[] = []): FormProgress {
  const actor = createActor(applicationFormMachine, { input: facts }).start();
  for (const event of events) actor.send(event);
  const snapshot = actor.getSnapshot();
  actor.stop();
  return progressOf(snapshot.context, snapshot.value as SectionId);
}

/** The sections a task list shows: a region with no questions of its own for the category has none to list. */
export function listedSections(progress: FormProgress): FormProgress["sections"] {
  return progress.sections.filter((section) => !(section.id === "regional" && section.steps.length === 0 && progress.plan.authority));
}

/**
 * "Step N of M" above a form page, counted in the sections the task list shows, so the two
 * always agree (a region with two steps of its own is one section: both say the same N).
 */
export function sectionPosition(progress: FormProgress, step: string): { number: number; count: number } {
  const sections = listedSections(progress);
  const index = sections.findIndex((section) => section.steps.includes(step));
  return { number: index + 1, count: sections.length };
}

/**
 * May the applicant open this step now? Every step before it must be completed (a step
 * already completed may always be opened again, to change it).
 */
export function mayOpenStep(progress: FormProgress, step: string): boolean {
  const index = progress.plan.steps.indexOf(step);
  if (index < 0) return false;
  return progress.plan.steps.slice(0, index).every((earlier) => progress.facts.completed.includes(earlier));
}

/** The step after this one, or check answers. */
export function stepAfter(progress: FormProgress, step: string): string {
  const steps = progress.plan.steps;
  return steps[steps.indexOf(step) + 1] ?? "check";
}

/**
 * Every step checked again, as submit does: answers that were valid when saved may not be
 * any more (a threshold of a new year, a date now past, a category changed upstream).
 * Returns the steps that fail with their messages.
 */
export async function recheckSteps(
  facts: FormFacts,
  today: string,
): Promise<{ failing: { step: string; errors: FieldErrors }[]; values: Record<string, StepValues> }> {
  const plan = planApplication(facts);
  const failing: { step: string; errors: FieldErrors }[] = [];
  const values: Record<string, StepValues> = {};
  for (const step of plan.steps) {
    const definition = stepDefinition(step);
    if (!definition) continue;
    const result = await validateStep(definition, readStepValues(definition, facts.answers[step] ?? {}), {
      today,
      answers: facts.answers,
      employerSeatPostalCode: facts.employerSeatPostalCode,
    });
    values[step] = result.values;
    if (!result.ok) failing.push({ step, errors: result.errors });
  }
  return { failing, values };
}
