import { describe, expect, it } from "vitest";
import { REGIONAL_AUTHORITIES } from "../../forms/authorities";
import { REGION_FORMS } from "../../forms/regions";
import { stepDefinition } from "../../forms/universal-form";
import {
  dropStaleAnswers,
  formProgress,
  listedSections,
  mayOpenStep,
  planApplication,
  sectionPosition,
  stepAfter,
  type FormFacts,
} from "../../workflows/application-form";
import { REGION_FLOWS, regionStepIds } from "../../workflows/regions";

const SEAT_FLANDERS = "3800";
const worker = { givenNames: "Ana", familyName: "Šimić", nationality: "RS", birthDate: "1990-03-14", passportNumber: "P1234567", livesIn: "abroad", visaPost: "belgrade" };
const employment = (category: string, placeOfWorkPostalCode: string) => ({
  category,
  jobTitle: "Welder",
  placeOfWorkPostalCode,
  contractStart: "2027-02-01",
  employmentEnd: "2028-01-31",
  grossAnnualSalary: "60000",
});

function facts(answers: FormFacts["answers"], completed: string[]): FormFacts {
  return { answers, completed, employerSeatPostalCode: SEAT_FLANDERS };
}

describe("each region's flow", () => {
  it("Flanders asks the labour-market test for shortage, other and seasonal jobs, and the season for seasonal work", () => {
    const flow = REGION_FLOWS.flanders;
    expect(regionStepIds(flow, { category: "other" })).toEqual(["flanders-labour-market"]);
    expect(regionStepIds(flow, { category: "shortage-occupation" })).toEqual(["flanders-labour-market"]);
    expect(regionStepIds(flow, { category: "seasonal" })).toEqual(["flanders-labour-market", "flanders-seasonal"]);
    expect(regionStepIds(flow, { category: "highly-qualified" })).toEqual([]);
    expect(regionStepIds(flow, { category: "blue-card" })).toEqual([]);
  });

  it("Wallonia, Brussels-Capital and the DG always ask their own step, and the season for seasonal work", () => {
    expect(regionStepIds(REGION_FLOWS.wallonia, { category: "executive" })).toEqual(["wallonia-declarations"]);
    expect(regionStepIds(REGION_FLOWS.wallonia, { category: "seasonal" })).toEqual(["wallonia-declarations", "wallonia-seasonal"]);
    expect(regionStepIds(REGION_FLOWS.brussels, { category: "seasonal" })).toEqual(["brussels-contract", "brussels-seasonal"]);
    expect(regionStepIds(REGION_FLOWS.dg, { category: "researcher" })).toEqual(["dg-contract"]);
  });

  it("every flow only enters steps its authority's form defines, and every defined step is reachable", () => {
    for (const authority of REGIONAL_AUTHORITIES) {
      const flow = REGION_FLOWS[authority];
      expect(flow.form).toBe(REGION_FORMS[authority]);
      const reached = new Set(["seasonal", "other", "highly-qualified"].flatMap((category) => regionStepIds(flow, { category })));
      expect([...reached].sort()).toEqual(flow.form.steps.map((step) => step.id).sort());
      for (const step of flow.form.steps) expect(step.id.startsWith(`${authority}-`)).toBe(true);
      for (const step of reached) expect(stepDefinition(step)).not.toBeNull();
    }
  });
});

describe("the universal form's flow", () => {
  it("plans the region's steps between the employment and the residence documents", () => {
    expect(planApplication(facts({ worker, employment: employment("seasonal", "4700") }, [])).steps).toEqual([
      "employer", "worker", "employment", "dg-contract", "dg-seasonal", "residence", "documents", "check",
    ]);
    // Before the employment is answered, the region and its steps are unknown.
    expect(planApplication(facts({ worker }, []))).toMatchObject({ authority: null });
  });

  it("routes by the place of work, falling back to the registered office without one", () => {
    expect(planApplication(facts({ employment: employment("other", "1000") }, [])).authority).toBe("brussels");
    expect(planApplication(facts({ employment: employment("other", "4780") }, [])).authority).toBe("dg");
    expect(planApplication(facts({ employment: employment("other", "4960") }, [])).authority).toBe("wallonia"); // Malmedy
    expect(planApplication(facts({ employment: employment("other", "") }, [])).authority).toBe("flanders"); // the seat
  });

  it("stands at the first section not completed; the ones after it cannot start yet", () => {
    const progress = formProgress(facts({ employer: {}, worker }, ["employer", "worker"]));
    expect(progress.current).toBe("employment");
    expect(progress.nextStep).toBe("employment");
    expect(progress.sections.map((section) => [section.id, section.status])).toEqual([
      ["employer", "completed"],
      ["worker", "completed"],
      ["employment", "not-started"],
      ["regional", "cannot-start-yet"],
      ["residence", "cannot-start-yet"],
      ["documents", "cannot-start-yet"],
      ["check", "cannot-start-yet"],
    ]);
    expect(mayOpenStep(progress, "worker")).toBe(true);
    expect(mayOpenStep(progress, "employment")).toBe(true);
    expect(mayOpenStep(progress, "residence")).toBe(false);
    expect(mayOpenStep(progress, "not-a-step")).toBe(false);
  });

  it("passes a region without questions for the category straight on", () => {
    const progress = formProgress(
      facts({ employer: {}, worker, employment: employment("highly-qualified", "9000") }, ["employer", "worker", "employment"]),
    );
    expect(progress.current).toBe("residence");
    expect(stepAfter(progress, "employment")).toBe("residence");
    // The task list leaves it out, so "3 of 6 completed" counts what it shows.
    expect(listedSections(progress).map((section) => [section.id, section.status])).toEqual([
      ["employer", "completed"],
      ["worker", "completed"],
      ["employment", "completed"],
      ["residence", "not-started"],
      ["documents", "cannot-start-yet"],
      ["check", "cannot-start-yet"],
    ]);
  });

  it("'step N of M' counts the task list's sections: a region's two steps share one number", () => {
    const withRegion = formProgress(
      facts({ employer: {}, worker, employment: employment("other", "3800") }, ["employer", "worker", "employment"]),
    );
    const listed = listedSections(withRegion);
    expect(listed).toHaveLength(7);
    const regional = listed.find((section) => section.id === "regional")!.steps;
    expect(regional.length).toBeGreaterThan(0);
    for (const step of regional) expect(sectionPosition(withRegion, step)).toEqual({ number: 4, count: 7 });
    expect(sectionPosition(withRegion, "worker")).toEqual({ number: 2, count: 7 });
    expect(sectionPosition(withRegion, "check")).toEqual({ number: 7, count: 7 });
    // Without questions of its own the region is not listed, and the count follows: 6.
    const without = formProgress(
      facts({ employer: {}, worker, employment: employment("highly-qualified", "9000") }, ["employer", "worker", "employment"]),
    );
    expect(sectionPosition(without, "residence")).toEqual({ number: 4, count: 6 });
    expect(sectionPosition(without, "check")).toEqual({ number: 6, count: 6 });
  });

  it("a saved step that fails its checks makes everything after it wait again", () => {
    const done = facts(
      { employer: {}, worker, employment: employment("other", "9000"), "flanders-labour-market": { vacancyReference: "V1" }, residence: {} },
      ["employer", "worker", "employment", "flanders-labour-market", "residence", "documents"],
    );
    expect(formProgress(done).current).toBe("check");
    const after = formProgress(done, [{ type: "STEP_SAVED", step: "worker", values: { ...worker, birthDate: "" }, complete: false }]);
    expect(after.current).toBe("worker");
    // Sections answered before stay completed, but cannot be opened until the worker is fixed.
    expect(after.sections.find((section) => section.id === "residence")?.status).toBe("completed");
    expect(after.sections.find((section) => section.id === "employment")?.status).toBe("completed");
    expect(mayOpenStep(after, "residence")).toBe(false);
    // The later answers are kept: only a branch no longer taken is dropped.
    expect(after.facts.answers.residence).toEqual({});
  });

  it("drops the answers of branches no longer taken: another region, or the season after a change of category", () => {
    const flemish = facts(
      {
        worker,
        employment: employment("seasonal", "8000"),
        "flanders-labour-market": { vacancyReference: "V1" },
        "flanders-seasonal": { seasonalSector: "horticulture" },
      },
      ["employer", "worker", "employment", "flanders-labour-market", "flanders-seasonal"],
    );
    const moved = dropStaleAnswers({ ...flemish, answers: { ...flemish.answers, employment: employment("seasonal", "7000") } });
    expect(Object.keys(moved.answers)).toEqual(["worker", "employment"]);
    expect(moved.completed).toEqual(["employer", "worker", "employment"]);
    const notSeasonal = dropStaleAnswers({ ...flemish, answers: { ...flemish.answers, employment: employment("other", "8000") } });
    expect(Object.keys(notSeasonal.answers)).toEqual(["worker", "employment", "flanders-labour-market"]);
  });
});
