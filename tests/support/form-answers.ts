// Answers for every question of the universal form, shared by the browser tests and the
// HTTP benchmark (which walks the same form through the pages).
import { addDays, todayInBelgium } from "../../workflows/legal-clock";

/** A date relative to today, "YYYY-MM-DD": the Belgian today the server checks dates against. */
export function daysFromToday(days: number): string {
  return addDays(todayInBelgium(new Date()), days);
}

/** Answers for every question of the universal form, by field id; a test overrides what it cares about. */
export const ANSWERS: Record<string, string> = {
  givenNames: "Ana",
  familyName: "Šimić",
  nationality: "RS",
  birthDate: "1990-03-14",
  passportNumber: "P1234567",
  personNumber: "",
  livesIn: "abroad",
  visaPost: "belgrade",
  category: "other",
  ictRole: "specialist",
  jobTitle: "Welder",
  placeOfWorkPostalCode: "3800",
  contractStart: daysFromToday(60),
  employmentEnd: daysFromToday(60 + 364),
  grossAnnualSalary: "34 000",
  vacancyReference: "VDAB-2026-0042",
  vacancyPublishedOn: daysFromToday(-70),
  publishedOnEures: "yes",
  employerSolvent: "yes",
  contractTemplate: "yes",
  procedureLanguage: "fr",
  priorGroupMonths: "12",
  seasonalSector: "agriculture",
  seasonStart: daysFromToday(60),
  seasonEnd: daysFromToday(60 + 119),
  feeStatus: "paid",
  feePaidOn: daysFromToday(-10),
  healthInsurance: "mutuality",
};
