// Where a draft stands and what the task list shows: the plan before and after the region is
// known, the documents check, the statuses of a region's several steps, the guards on
// opening a step, and the re-check at submit. Complements application-form.test.ts.
import { describe, expect, it } from "vitest";
import {
  formProgress,
  listedSections,
  mayOpenStep,
  planApplication,
  recheckSteps,
  stepAfter,
  type FormFacts,
} from "../../workflows/application-form";

const worker = { givenNames: "Ana", familyName: "Šimić", nationality: "RS", birthDate: "1990-03-14", passportNumber: "P1234567", livesIn: "abroad", visaPost: "belgrade" };
const employment = (category: string, placeOfWorkPostalCode: string) => ({
  category,
  jobTitle: "Welder",
  placeOfWorkPostalCode,
  contractStart: "2026-07-01",
  employmentEnd: "2027-01-31",
  grossAnnualSalary: "60000",
});
const facts = (answers: FormFacts["answers"], completed: string[]): FormFacts => ({ answers, completed, employerSeatPostalCode: "3800" });
const statusOf = (facts: FormFacts, section: string) => formProgress(facts).sections.find((candidate) => candidate.id === section)?.status;

/** A Flemish seasonal job: the region asks two steps, the labour-market test and the season. */
const seasonalFlemish = { worker, employment: employment("seasonal", "8000") };

describe("the plan", () => {
  it("has no regional step before the employment says where and what the work is", () => {
    const plan = planApplication(facts({ worker }, []));
    expect(plan.steps).toEqual(["employer", "worker", "employment", "residence", "documents", "check"]);
    expect(plan.sections.find((section) => section.id === "regional")?.steps).toEqual([]);
    expect(plan.basis).toBeNull();
  });

  it("says why the region is competent: the place of work, or the registered office without one", () => {
    expect(planApplication(facts({ employment: employment("other", "9000") }, []))).toMatchObject({ authority: "flanders", basis: "place-of-work" });
    expect(planApplication(facts({ employment: employment("other", "") }, []))).toMatchObject({ authority: "flanders", basis: "registered-office" });
  });
});

describe("saving steps and checking the documents", () => {
  const upToDocuments = facts(
    { employer: {}, ...seasonalFlemish, "flanders-labour-market": {}, "flanders-seasonal": {}, residence: {} },
    ["employer", "worker", "employment", "flanders-labour-market", "flanders-seasonal", "residence"],
  );

  it("moves on past a step saved with answers that pass the checks", () => {
    const progress = formProgress(facts({ employer: {}, worker }, ["employer"]), [{ type: "STEP_SAVED", step: "worker", values: worker, complete: true }]);
    expect(progress.facts.completed).toEqual(["employer", "worker"]);
    expect(progress.current).toBe("employment");
  });

  it("opens check answers once every document has a file, and closes it again when one goes missing", () => {
    expect(formProgress(upToDocuments).current).toBe("documents");
    const checked = formProgress(upToDocuments, [{ type: "DOCUMENTS_CHECKED", complete: true }]);
    expect(checked.current).toBe("check");
    expect(checked.facts.completed).toEqual([...upToDocuments.completed, "documents"]);
    expect(checked.facts.answers).toEqual(upToDocuments.answers); // a documents check answers no question
    // Checked twice: "documents" is listed once.
    expect(formProgress(checked.facts, [{ type: "DOCUMENTS_CHECKED", complete: true }]).facts.completed.filter((step) => step === "documents")).toHaveLength(1);
    const missing = formProgress(checked.facts, [{ type: "DOCUMENTS_CHECKED", complete: false }]);
    expect(missing.current).toBe("documents");
    expect(missing.facts.completed).toEqual(upToDocuments.completed);
    expect(mayOpenStep(missing, "check")).toBe(false);
  });
});

describe("the task list's statuses", () => {
  it("shows a region's section in progress when one of its steps is answered but not yet passed", () => {
    const draft = facts({ employer: {}, ...seasonalFlemish, "flanders-labour-market": { vacancyReference: "V1" } }, ["employer", "worker", "employment"]);
    expect(formProgress(draft).current).toBe("regional");
    expect(statusOf(draft, "regional")).toBe("in-progress");
    expect(statusOf(facts({ employer: {}, ...seasonalFlemish }, ["employer", "worker", "employment"]), "regional")).toBe("not-started");
  });

  it("does not show a region's section completed while one of its steps is still to pass", () => {
    const draft = facts({ employer: {}, ...seasonalFlemish, "flanders-labour-market": { vacancyReference: "V1" } }, ["employer", "employment", "flanders-labour-market"]);
    expect(formProgress(draft).current).toBe("worker");
    expect(statusOf(draft, "regional")).toBe("cannot-start-yet");
  });

  it("counts a region without questions for the category as completed, and lists a region with questions", () => {
    const noQuestions = facts({ employer: {}, worker, employment: employment("highly-qualified", "9000") }, ["employer", "worker", "employment"]);
    expect(statusOf(noQuestions, "regional")).toBe("completed");
    const withQuestions = formProgress(facts({ employer: {}, worker, employment: employment("other", "9000") }, ["employer", "worker", "employment"]));
    expect(listedSections(withQuestions).map((section) => section.id)).toEqual(["employer", "worker", "employment", "regional", "residence", "documents", "check"]);
    expect(listedSections(withQuestions).find((section) => section.id === "regional")?.steps).toEqual(["flanders-labour-market"]);
  });
});

describe("opening steps", () => {
  it("always lets the applicant open the first step of a new draft", () => {
    const progress = formProgress(facts({}, []));
    expect(mayOpenStep(progress, "employer")).toBe(true);
    expect(mayOpenStep(progress, "worker")).toBe(false);
  });

  it("refuses a step the plan does not have, even when every step before check answers is completed", () => {
    const done = formProgress(
      facts({ employer: {}, worker, employment: employment("highly-qualified", "9000"), residence: {} }, ["employer", "worker", "employment", "residence", "documents"]),
    );
    expect(mayOpenStep(done, "check")).toBe(true);
    expect(mayOpenStep(done, "flanders-labour-market")).toBe(false); // not asked for this category
    expect(mayOpenStep(done, "not-a-step")).toBe(false);
  });

  it("stays on check answers after check answers", () => {
    expect(stepAfter(formProgress(facts({}, [])), "check")).toBe("check");
  });
});

describe("the re-check at submit", () => {
  const draft = (birthDate: string) =>
    facts({ worker: { ...worker, birthDate }, employment: employment("other", "9000") }, ["employer", "worker", "employment"]);
  const failingSteps = async (birthDate: string, today: string) => (await recheckSteps(draft(birthDate), today)).failing.map((failure) => failure.step);

  it("fails the worker who turned 15 only after the draft was saved: the day before the birthday, not on it", async () => {
    const before = await recheckSteps(draft("2011-06-01"), "2026-05-31");
    expect(before.failing.find((failure) => failure.step === "worker")).toEqual({ step: "worker", errors: { birthDate: { key: "newApplication.errors.birthDateRange" } } });
    expect(await failingSteps("2011-06-01", "2026-06-01")).not.toContain("worker");
  });

  it("re-checks every step with a form, stored answers included, and hands back the values it read", async () => {
    const result = await recheckSteps(draft("1990-03-14"), "2026-06-01");
    // The region's step and the residence step were never answered; the worker and employment pass.
    expect(result.failing.map((failure) => failure.step)).toEqual(["flanders-labour-market", "residence"]);
    expect(Object.keys(result.values)).toEqual(["employer", "worker", "employment", "flanders-labour-market", "residence"]);
    expect(result.values.worker).toMatchObject({ birthDate: "1990-03-14", familyName: "Šimić" });
  });
});
