// The legal clock at its edges: which clock a category runs on, which row a filing date
// picks, Easter's extreme dates, and the refusals an officer's slip meets (with the message
// the log shows). Complements legal-clock.test.ts.
import { describe, expect, it } from "vitest";
import {
  changeTerm,
  clockCategoryFor,
  clockDueDate,
  decisionTermFor,
  easterSunday,
  extendClock,
  isClockCategory,
  isNonWorkingDay,
  latestDecisionDate,
  resumeClock,
  startClock,
  startTerm,
  suspendClock,
  termFor,
  titleEndsBeforeDecision,
} from "../../workflows/legal-clock";

describe("which clock a category runs on at filing", () => {
  it("runs the Blue Card, the intra-corporate transferee and the researcher on the directive clock", () => {
    expect(clockCategoryFor("blue-card")).toBe("directive");
    expect(clockCategoryFor("intra-corporate-transferee")).toBe("directive");
    expect(clockCategoryFor("researcher")).toBe("directive");
  });

  it("runs seasonal work on the seasonal clock, and every other category on the general one", () => {
    expect(clockCategoryFor("seasonal")).toBe("seasonal");
    expect(clockCategoryFor("highly-qualified")).toBe("general");
    expect(clockCategoryFor("shortage-occupation")).toBe("general");
    expect(clockCategoryFor("other")).toBe("general");
  });

  it("accepts only the six clock names an officer may choose, as posted", () => {
    for (const name of ["general", "directive", "seasonal", "seasonal-returning", "seasonal-renewal", "permanent"]) {
      expect(isClockCategory(name), name).toBe(true);
    }
    for (const forged of ["", "Seasonal", "seasonal ", "blue-card", 42, null, undefined, ["general"]]) {
      expect(isClockCategory(forged), String(forged)).toBe(false);
    }
  });
});

describe("which term a filing date picks", () => {
  it("treats a filing from before 1 January 2019 as filed on the single permit's first day", () => {
    expect(decisionTermFor("general", "2018-12-31").id).toBe("decision.general.2011-98");
    expect(decisionTermFor("seasonal", "2018-06-01")).toMatchObject({ id: "decision.seasonal.2019", deemedGrant: true });
    expect(termFor("completeness", "2015-03-01").length).toEqual({ days: 30 });
  });

  it("gives the completeness and request terms whatever the clock category", () => {
    expect(termFor("completeness", "2026-01-01", "seasonal").length).toEqual({ days: 30 });
    expect(termFor("request-answer", "2026-01-01", "permanent").length).toEqual({ days: 15 });
  });

  it("names the missing term, the category and the filing date when no row applies", () => {
    expect(() => termFor("extension", "2026-05-20")).toThrow("no extension term for any category filed on 2026-05-20");
    expect(() => termFor("extension", "2026-05-20", "general")).toThrow("no extension term for general filed on 2026-05-20");
  });
});

describe("Easter and the holidays that hang on it", () => {
  it("finds Easter on its earliest day (22 March) and its latest (25 April)", () => {
    expect(easterSunday(1818)).toBe("1818-03-22");
    expect(easterSunday(2285)).toBe("2285-03-22");
    expect(easterSunday(1943)).toBe("1943-04-25");
    expect(easterSunday(2038)).toBe("2038-04-25");
  });

  it("finds Easter in century and ordinary years (checked against dateutil.easter)", () => {
    expect(easterSunday(1900)).toBe("1900-04-15");
    expect(easterSunday(2000)).toBe("2000-04-23");
    expect(easterSunday(2008)).toBe("2008-03-23");
    expect(easterSunday(2011)).toBe("2011-04-24");
    expect(easterSunday(2019)).toBe("2019-04-21");
    expect(easterSunday(2027)).toBe("2027-03-28");
    expect(easterSunday(2100)).toBe("2100-03-28");
  });

  it("puts every Easter of 2000–2199 on a Sunday between 22 March and 25 April, so Easter Monday is never a working day", () => {
    for (let year = 2000; year < 2200; year++) {
      const easter = easterSunday(year);
      expect(new Date(`${easter}T00:00:00Z`).getUTCDay(), easter).toBe(0);
      expect(easter.slice(5) >= "03-22" && easter.slice(5) <= "04-25", easter).toBe(true);
    }
    expect(isNonWorkingDay("2038-04-26")).toBe(true); // Easter Monday after the latest Easter
    expect(isNonWorkingDay("2038-06-03")).toBe(true); // Ascension: Easter + 39
  });
});

describe("starting, changing and extending a clock", () => {
  it("refuses a term that is not a whole number of days, naming it a legal term", () => {
    expect(() => startClock("2026-01-05", 1.5)).toThrow("a legal term must be a whole number of days, got 1.5");
    expect(() => startClock("2026-01-05", -1)).toThrow("a legal term cannot be negative");
  });

  it("accepts a term of 0 days: it ends on the start day (or the next working day)", () => {
    expect(clockDueDate(startClock("2026-01-05", 0))).toBe("2026-01-05"); // a Monday
    expect(clockDueDate(startClock("2026-01-10", 0))).toBe("2026-01-12"); // a Saturday
  });

  it("counts months date to date after the officer changes a term in days to a term in months", () => {
    const seasonal = startTerm("2026-01-31", decisionTermFor("seasonal", "2026-01-31"), "2026-01-31");
    expect(clockDueDate(seasonal)).toBe("2026-05-04"); // 90 days: 1 May Labour Day, then the weekend
    const monthly = changeTerm(seasonal, decisionTermFor("permanent", "2026-01-31"));
    expect(monthly).toMatchObject({ periodDays: 0, periodMonths: 4, rule: "decision.permanent" });
    expect(clockDueDate(monthly)).toBe("2026-06-01"); // 31 May 2026 is a Sunday
    // And back to days: the months are dropped.
    expect(clockDueDate(changeTerm(monthly, decisionTermFor("seasonal-renewal", "2026-01-31")))).toBe("2026-03-02");
  });

  it("accepts an extension of 0 days, which moves nothing, and refuses a negative one with its message", () => {
    const clock = startClock("2026-01-12", 120);
    expect(clockDueDate(extendClock(clock, 0))).toBe("2026-05-12");
    expect(() => extendClock(clock, -1)).toThrow("an extension is a positive number of days");
  });
});

describe("suspensions: refusals an officer's slip meets", () => {
  it("says why a second request cannot stop a clock already stopped, and why an answer cannot resume a running one", () => {
    const stopped = suspendClock(startClock("2026-01-12", 120), "2026-02-02", "documents requested");
    expect(() => suspendClock(stopped, "2026-02-03", "again")).toThrow("the clock is already suspended");
    expect(() => resumeClock(startClock("2026-01-12", 120), "2026-02-03")).toThrow("the clock is not suspended");
  });

  it("refuses a request dated inside the latest of several past suspensions, naming both dates", () => {
    let clock = startClock("2026-01-12", 120);
    clock = resumeClock(suspendClock(clock, "2026-02-01", "first"), "2026-02-11");
    clock = resumeClock(suspendClock(clock, "2026-02-20", "second"), "2026-03-02");
    // After the first one ended but before the second one did: the days would count twice.
    expect(() => suspendClock(clock, "2026-02-25", "third")).toThrow(
      "a suspension cannot start (2026-02-25) before the previous one ended (2026-03-02)",
    );
    expect(suspendClock(clock, "2026-03-02", "third").suspensions).toHaveLength(3); // back to back is fine
  });

  it("closes a suspension answered 'before' its request on the request day, so a later request cannot start before it", () => {
    const clock = resumeClock(suspendClock(startClock("2026-01-12", 120), "2026-02-10", "documents requested"), "2026-02-05");
    expect(clock.suspensions[0]).toMatchObject({ from: "2026-02-10", to: "2026-02-10" });
    expect(() => suspendClock(clock, "2026-02-07", "again")).toThrow("before the previous one ended (2026-02-10)");
    expect(clockDueDate(clock, "2026-06-01")).toBe("2026-05-12"); // no day lost
  });
});

describe("the latest decision date a worker filing from Belgium is shown", () => {
  it("adds the completeness term, then the category's decision term, each ending on a working day", () => {
    // Monday 23 November 2026: complete by Wednesday 23 December, then 90 days (recast) to Tuesday 23 March 2027.
    expect(latestDecisionDate("2026-11-23", "general")).toBe("2027-03-23");
    expect(latestDecisionDate("2026-11-23", "directive")).toBe("2027-03-23");
    // 60 days from 23 December fall on Sunday 21 February 2027: the next working day.
    expect(latestDecisionDate("2026-11-23", "seasonal-returning")).toBe("2027-02-22");
    expect(latestDecisionDate("2026-11-23", "seasonal-renewal")).toBe("2027-01-22");
    // Filed under Directive 2011/98: complete by Monday 1 June 2026 (31 May is a Sunday), then four months.
    expect(latestDecisionDate("2026-05-01", "general")).toBe("2026-10-01");
  });

  it("warns when the title ends before that date, not on it or after", () => {
    expect(titleEndsBeforeDecision("2027-03-22", "2026-11-23", "general")).toEqual({ titleEndsOn: "2027-03-22", latestDecision: "2027-03-23" });
    expect(titleEndsBeforeDecision("2027-03-23", "2026-11-23", "general")).toBeNull();
    expect(titleEndsBeforeDecision("2027-03-24", "2026-11-23", "general")).toBeNull();
    // No real date typed yet: the form's own message says so, no warning here.
    expect(titleEndsBeforeDecision("2027-02-30", "2026-11-23", "general")).toBeNull();
    expect(titleEndsBeforeDecision("", "2026-11-23", "general")).toBeNull();
  });
});
