import { describe, expect, it } from "vitest";
import {
  addDays,
  clockDueDate,
  daysBetween,
  daysLeft,
  deemedGrantApplies,
  extendClock,
  isSuspended,
  resumeClock,
  startClock,
  suspendClock,
  suspendedDays,
  todayInBelgium,
  addMonths,
  decisionTermFor,
  easterSunday,
  extensionFor,
  isNonWorkingDay,
  legalHolidays,
  nextWorkingDay,
  startTerm,
  termEnd,
  TERMS,
} from "../../workflows/legal-clock";

describe("calendar arithmetic", () => {
  it("crosses month and year ends", () => {
    expect(addDays("2026-01-31", 1)).toBe("2026-02-01");
    expect(addDays("2026-04-30", 1)).toBe("2026-05-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-12-31", 120)).toBe("2027-04-30");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addDays("2026-05-10", 0)).toBe("2026-05-10");
  });

  it("knows 2028-02-29 exists and 2027-02-29 does not", () => {
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2028-02-29", 1)).toBe("2028-03-01");
    expect(addDays("2027-02-28", 1)).toBe("2027-03-01");
    expect(daysBetween("2028-02-01", "2028-03-01")).toBe(29);
    expect(daysBetween("2027-02-01", "2027-03-01")).toBe(28);
    expect(addDays("2028-01-01", 366)).toBe("2029-01-01");
    expect(() => addDays("2027-02-29", 1)).toThrow();
  });

  it("counts b − a, negative backwards", () => {
    expect(daysBetween("2026-01-01", "2026-01-11")).toBe(10);
    expect(daysBetween("2026-01-11", "2026-01-01")).toBe(-10);
    expect(daysBetween("2026-01-01", "2026-01-01")).toBe(0);
  });

  it("ignores daylight saving: a day is a day", () => {
    expect(daysBetween("2026-03-28", "2026-03-30")).toBe(2); // spring forward on 29 March 2026
    expect(addDays("2026-03-28", 1)).toBe("2026-03-29");
    expect(addDays("2026-03-29", 1)).toBe("2026-03-30");
    expect(addDays("2026-10-24", 2)).toBe("2026-10-26"); // fall back on 25 October 2026
    expect(daysBetween("2026-10-24", "2026-10-26")).toBe(2);
  });

  it("reads the date in Belgium, not on the server's clock", () => {
    expect(todayInBelgium(new Date("2026-03-28T22:59:00Z"))).toBe("2026-03-28"); // 23:59 CET
    expect(todayInBelgium(new Date("2026-03-28T23:30:00Z"))).toBe("2026-03-29"); // 00:30 CET → already Sunday
    expect(todayInBelgium(new Date("2026-03-29T21:59:00Z"))).toBe("2026-03-29"); // 23:59 CEST after the change
    expect(todayInBelgium(new Date("2026-03-29T22:00:00Z"))).toBe("2026-03-30"); // 00:00 CEST
    expect(todayInBelgium(new Date("2026-10-24T21:59:00Z"))).toBe("2026-10-24"); // 23:59 CEST
    expect(todayInBelgium(new Date("2026-10-24T22:30:00Z"))).toBe("2026-10-25"); // 00:30 CEST
    expect(todayInBelgium(new Date("2026-10-25T22:59:00Z"))).toBe("2026-10-25"); // 23:59 CET after the change
    expect(todayInBelgium(new Date("2026-12-31T22:59:59Z"))).toBe("2026-12-31");
    expect(todayInBelgium(new Date("2026-12-31T23:00:00Z"))).toBe("2027-01-01");
    expect(todayInBelgium(new Date("2028-02-28T23:00:00Z"))).toBe("2028-02-29");
  });

  it("refuses what is not a calendar date", () => {
    expect(() => addDays("2026-02-30", 1)).toThrow();
    expect(() => addDays("2026-13-01", 1)).toThrow();
    expect(() => addDays("31/01/2026", 1)).toThrow();
    expect(() => addDays("2026-1-5", 1)).toThrow();
    expect(() => addDays("2026-01-05T00:00:00Z", 1)).toThrow();
    expect(() => addDays("", 1)).toThrow();
    expect(() => addDays("2026-01-05", 1.5)).toThrow();
    expect(() => daysBetween("2026-01-01", "yesterday")).toThrow();
    expect(() => startClock("2026-04-31", 120)).toThrow();
    expect(() => suspendClock(startClock("2026-01-01", 120), "2026-02-30", "x")).toThrow();
    expect(() => deemedGrantApplies("directive", "5 April 2024")).toThrow();
    expect(() => todayInBelgium(new Date("not a date"))).toThrow();
  });
});

describe("the legal terms, dated by filing date", () => {
  it("gives the general single permit four months under Directive 2011/98, 90 days from the recast's date", () => {
    expect(decisionTermFor("general", "2024-01-31")).toMatchObject({ length: { months: 4 }, deemedGrant: true });
    expect(decisionTermFor("general", "2026-05-20").length).toEqual({ months: 4 });
    expect(decisionTermFor("general", "2026-05-21")).toMatchObject({ length: { days: 90 }, unconfirmed: expect.any(String) });
    expect(extensionFor("2026-05-20")).toBeNull();
    expect(extensionFor("2026-05-21")?.length).toEqual({ days: 30 });
  });

  it("has the decision term of each category, every row with a source", () => {
    expect(decisionTermFor("directive", "2026-01-01").length).toEqual({ days: 90 });
    expect(decisionTermFor("seasonal", "2026-01-01").length).toEqual({ days: 90 });
    expect(decisionTermFor("seasonal-returning", "2026-01-01").length).toEqual({ days: 60 });
    expect(decisionTermFor("seasonal-renewal", "2026-01-01").length).toEqual({ days: 30 });
    for (const rule of TERMS) expect(rule.source.length, rule.id).toBeGreaterThan(10);
    expect(() => decisionTermFor("general", "31/01/2024")).toThrow();
  });

  it("decides the deemed grant on the filing date: the general permit yes, the 2024 categories not if filed from 5 April 2024, the unlimited permit never", () => {
    expect(deemedGrantApplies("general", "2023-01-01")).toBe(true);
    expect(deemedGrantApplies("general", "2026-01-01")).toBe(true);
    expect(deemedGrantApplies("permanent", "2023-01-01")).toBe(false); // no source gives one
    expect(deemedGrantApplies("permanent", "2026-01-01")).toBe(false);
    for (const category of ["directive", "seasonal", "seasonal-returning", "seasonal-renewal"] as const) {
      expect(deemedGrantApplies(category, "2024-04-04")).toBe(true); // filed the day before entry into force
      expect(deemedGrantApplies(category, "2024-04-05")).toBe(false); // in force
      expect(deemedGrantApplies(category, "2026-01-01")).toBe(false);
    }
  });
});

describe("counting a term (Judicial Code arts. 52–54)", () => {
  it("counts months date to date: four months from 31 January 2024 end on 31 May 2024, not 30 May (120 days)", () => {
    expect(clockDueDate(startTerm("2024-01-31", decisionTermFor("general", "2024-01-31"), "2024-01-31"))).toBe("2024-05-31");
    expect(addDays("2024-01-31", 120)).toBe("2024-05-30"); // what the code used to say
    // A day the last month lacks: 31 October + 4 months = the last day of February.
    expect(termEnd("2025-10-31", { months: 4 })).toBe("2026-03-02"); // 28 Feb 2026 is a Saturday
    expect(addMonths("2027-10-31", 4)).toBe("2028-02-29");
    expect(termEnd("2027-10-31", { months: 4 })).toBe("2028-02-29"); // a Tuesday
  });

  it("moves an end on a Saturday, Sunday or legal holiday to the next working day", () => {
    expect(termEnd("2026-01-10", { days: 120 })).toBe("2026-05-11"); // 10 May 2026 is a Sunday
    expect(termEnd("2026-04-21", { days: 10 })).toBe("2026-05-04"); // 1 May (Labour Day, a Friday), then the weekend
    expect(nextWorkingDay("2026-05-14")).toBe("2026-05-15"); // Ascension 2026
    expect(nextWorkingDay("2026-05-23")).toBe("2026-05-26"); // Saturday, Sunday, Whit Monday
    expect(nextWorkingDay("2026-07-21")).toBe("2026-07-22"); // National Day, a Tuesday
    expect(nextWorkingDay("2026-11-11")).toBe("2026-11-12"); // Armistice
    expect(nextWorkingDay("2026-12-25")).toBe("2026-12-28"); // Christmas (Friday), then the weekend
    expect(nextWorkingDay("2026-05-12")).toBe("2026-05-12"); // a Tuesday stays
  });

  it("knows Easter and the ten legal holidays", () => {
    expect(easterSunday(2024)).toBe("2024-03-31");
    expect(easterSunday(2025)).toBe("2025-04-20");
    expect(easterSunday(2026)).toBe("2026-04-05");
    expect(legalHolidays(2026)).toEqual([
      "2026-01-01",
      "2026-04-06",
      "2026-05-01",
      "2026-05-14",
      "2026-05-25",
      "2026-07-21",
      "2026-08-15",
      "2026-11-01",
      "2026-11-11",
      "2026-12-25",
    ]);
    expect(isNonWorkingDay("2025-05-01")).toBe(true);
    expect(isNonWorkingDay("2025-05-02")).toBe(false);
  });
});

describe("the legal clock", () => {
  it("is due period days after its start", () => {
    const clock = startClock("2026-01-12", 120);
    expect(clockDueDate(clock)).toBe("2026-05-12");
    expect(daysLeft(clock, "2026-01-12")).toBe(120);
    expect(daysLeft(clock, "2026-05-12")).toBe(0);
    expect(daysLeft(clock, "2026-05-14")).toBe(-2);
    expect(clockDueDate(startClock("2027-12-31", 60))).toBe("2028-02-29"); // through the leap day
    expect(() => startClock("2026-01-10", -1)).toThrow();
  });

  it("counts a suspension from its first day (inclusive) to the resume day (exclusive)", () => {
    const suspended = suspendClock(startClock("2026-01-12", 120), "2026-02-02", "documents requested");
    expect(isSuspended(suspended)).toBe(true);
    // Resumed the same day: no day lost.
    expect(clockDueDate(resumeClock(suspended, "2026-02-02"), "2026-06-01")).toBe("2026-05-12");
    // Requested on the 2nd, answered on the 6th: the 2nd, 3rd, 4th and 5th do not count.
    const resumed = resumeClock(suspended, "2026-02-06");
    expect(isSuspended(resumed)).toBe(false);
    expect(suspendedDays(resumed, "2026-06-01")).toBe(4);
    expect(clockDueDate(resumed, "2026-06-01")).toBe("2026-05-18"); // 16 May is a Saturday
    // Resumed "before" it started (a clerical error): never negative.
    expect(suspendedDays(resumeClock(suspended, "2026-01-20"), "2026-06-01")).toBe(0);
  });

  it("keeps moving the due date while a suspension is open, and freezes the days left", () => {
    const clock = suspendClock(startClock("2026-01-12", 120), "2026-02-02", "documents requested");
    expect(clockDueDate(clock)).toBe("2026-05-12"); // without asOf nothing has counted yet
    expect(clockDueDate(clock, "2026-02-02")).toBe("2026-05-12"); // the first day has not passed yet
    expect(clockDueDate(clock, "2026-02-03")).toBe("2026-05-13");
    expect(clockDueDate(clock, "2026-02-04")).toBe("2026-05-15"); // 14 May: Ascension
    expect(clockDueDate(clock, "2026-02-20")).toBe("2026-06-01"); // 30 May is a Saturday
    expect(daysLeft(clock, "2026-02-02")).toBe(daysLeft(clock, "2026-02-03"));
  });

  it("adds up several suspensions and extensions", () => {
    let clock = startClock("2026-01-12", 120);
    clock = suspendClock(clock, "2026-02-01", "documents requested");
    expect(() => suspendClock(clock, "2026-02-02", "again")).toThrow(); // never nested
    clock = resumeClock(clock, "2026-02-11"); // 10 days
    expect(() => resumeClock(clock, "2026-03-01")).toThrow(); // not suspended
    expect(() => suspendClock(clock, "2026-02-05", "overlapping")).toThrow(); // would count days twice
    clock = suspendClock(clock, "2026-02-11", "documents requested again"); // back to back is fine
    clock = resumeClock(clock, "2026-02-16"); // 5 days
    expect(clockDueDate(clock, "2026-04-01")).toBe("2026-05-27");
    clock = extendClock(clock, 30);
    expect(clockDueDate(clock, "2026-04-01")).toBe("2026-06-26");
    expect(daysLeft(clock, "2026-06-16")).toBe(10);
    expect(() => extendClock(clock, -1)).toThrow();
    expect(() => extendClock(clock, 2.5)).toThrow();
  });

  it("does not let days before the start move the clock", () => {
    const clock = resumeClock(suspendClock(startClock("2026-03-10", 30), "2026-03-05", "x"), "2026-03-12");
    expect(suspendedDays(clock, "2026-04-01")).toBe(2); // 10 and 11 March only
    expect(clockDueDate(clock, "2026-04-01")).toBe("2026-04-13"); // 11 April is a Saturday
  });

  it("never mutates the clock it is given", () => {
    const clock = startClock("2026-01-10", 120);
    const frozen = JSON.stringify(clock);
    resumeClock(suspendClock(clock, "2026-02-01", "x"), "2026-02-03");
    extendClock(clock, 5);
    expect(JSON.stringify(clock)).toBe(frozen);
  });
});
