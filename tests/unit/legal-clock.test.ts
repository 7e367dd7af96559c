import { describe, expect, it } from "vitest";
import {
  addDays,
  clockDueDate,
  COMPLETENESS_CHECK_DAYS,
  daysBetween,
  daysLeft,
  decisionPeriodDays,
  deemedGrantApplies,
  DOCUMENT_REQUEST_DAYS,
  extendClock,
  isSuspended,
  resumeClock,
  startClock,
  suspendClock,
  suspendedDays,
  todayInBelgium,
  TRANSFER_TO_OE_DAYS,
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

describe("the legal terms", () => {
  it("has the procedural terms", () => {
    expect(COMPLETENESS_CHECK_DAYS).toBe(30);
    expect(DOCUMENT_REQUEST_DAYS).toBe(15);
    expect(TRANSFER_TO_OE_DAYS).toBe(15);
  });

  it("has the decision period of each category", () => {
    expect(decisionPeriodDays("general")).toBe(120);
    expect(decisionPeriodDays("directive")).toBe(90);
    expect(decisionPeriodDays("seasonal")).toBe(90);
    expect(decisionPeriodDays("seasonal-returning")).toBe(60);
    expect(decisionPeriodDays("seasonal-renewal")).toBe(30);
    expect(decisionPeriodDays("permanent")).toBe(120); // UNCONFIRMED: the general term
  });

  it("gives a deemed grant for the general and permanent permits, not for the 2024 categories since 5 April 2024", () => {
    expect(deemedGrantApplies("general", "2023-01-01")).toBe(true);
    expect(deemedGrantApplies("general", "2026-01-01")).toBe(true);
    expect(deemedGrantApplies("permanent", "2026-01-01")).toBe(true);
    for (const category of ["directive", "seasonal", "seasonal-returning", "seasonal-renewal"] as const) {
      expect(deemedGrantApplies(category, "2024-04-04")).toBe(true); // the day before entry into force
      expect(deemedGrantApplies(category, "2024-04-05")).toBe(false); // in force
      expect(deemedGrantApplies(category, "2026-01-01")).toBe(false);
    }
  });
});

describe("the legal clock", () => {
  it("is due period days after its start", () => {
    const clock = startClock("2026-01-10", 120);
    expect(clockDueDate(clock)).toBe("2026-05-10");
    expect(daysLeft(clock, "2026-01-10")).toBe(120);
    expect(daysLeft(clock, "2026-05-10")).toBe(0);
    expect(daysLeft(clock, "2026-05-12")).toBe(-2);
    expect(clockDueDate(startClock("2027-12-31", 60))).toBe("2028-02-29"); // through the leap day
    expect(() => startClock("2026-01-10", -1)).toThrow();
  });

  it("counts a suspension from its first day (inclusive) to the resume day (exclusive)", () => {
    const suspended = suspendClock(startClock("2026-01-10", 120), "2026-02-01", "documents requested");
    expect(isSuspended(suspended)).toBe(true);
    // Resumed the same day: no day lost.
    expect(clockDueDate(resumeClock(suspended, "2026-02-01"), "2026-06-01")).toBe("2026-05-10");
    // Requested on the 1st, answered on the 5th: the 1st, 2nd, 3rd and 4th do not count.
    const resumed = resumeClock(suspended, "2026-02-05");
    expect(isSuspended(resumed)).toBe(false);
    expect(suspendedDays(resumed, "2026-06-01")).toBe(4);
    expect(clockDueDate(resumed, "2026-06-01")).toBe("2026-05-14");
    // Resumed "before" it started (a clerical error): never negative.
    expect(suspendedDays(resumeClock(suspended, "2026-01-20"), "2026-06-01")).toBe(0);
  });

  it("keeps moving the due date while a suspension is open, and freezes the days left", () => {
    const clock = suspendClock(startClock("2026-01-10", 120), "2026-02-01", "documents requested");
    expect(clockDueDate(clock)).toBe("2026-05-10"); // without asOf nothing has counted yet
    expect(clockDueDate(clock, "2026-02-01")).toBe("2026-05-10"); // the first day has not passed yet
    expect(clockDueDate(clock, "2026-02-05")).toBe("2026-05-14");
    expect(clockDueDate(clock, "2026-02-20")).toBe("2026-05-29");
    expect(daysLeft(clock, "2026-02-01")).toBe(daysLeft(clock, "2026-02-20"));
  });

  it("adds up several suspensions and extensions", () => {
    let clock = startClock("2026-01-10", 120);
    clock = suspendClock(clock, "2026-02-01", "documents requested");
    expect(() => suspendClock(clock, "2026-02-02", "again")).toThrow(); // never nested
    clock = resumeClock(clock, "2026-02-11"); // 10 days
    expect(() => resumeClock(clock, "2026-03-01")).toThrow(); // not suspended
    expect(() => suspendClock(clock, "2026-02-05", "overlapping")).toThrow(); // would count days twice
    clock = suspendClock(clock, "2026-02-11", "documents requested again"); // back to back is fine
    clock = resumeClock(clock, "2026-02-16"); // 5 days
    expect(clockDueDate(clock, "2026-04-01")).toBe("2026-05-25");
    clock = extendClock(clock, 30);
    expect(clockDueDate(clock, "2026-04-01")).toBe("2026-06-24");
    expect(daysLeft(clock, "2026-06-14")).toBe(10);
    expect(() => extendClock(clock, -1)).toThrow();
    expect(() => extendClock(clock, 2.5)).toThrow();
  });

  it("does not let days before the start move the clock", () => {
    const clock = resumeClock(suspendClock(startClock("2026-03-10", 30), "2026-03-05", "x"), "2026-03-12");
    expect(suspendedDays(clock, "2026-04-01")).toBe(2); // 10 and 11 March only
    expect(clockDueDate(clock, "2026-04-01")).toBe("2026-04-11");
  });

  it("never mutates the clock it is given", () => {
    const clock = startClock("2026-01-10", 120);
    const frozen = JSON.stringify(clock);
    resumeClock(suspendClock(clock, "2026-02-01", "x"), "2026-02-03");
    extendClock(clock, 5);
    expect(JSON.stringify(clock)).toBe(frozen);
  });
});
