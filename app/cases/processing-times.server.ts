import { isRegionalAuthority, type RegionalAuthority } from "../../forms/authorities";
import { isOpen, type CaseStatus } from "../../workflows/case-status";
import { addDays, todayInBelgium } from "../../workflows/legal-clock";
import { expectedDecision, processingFigures, windowStart, type CaseExpectation, type ProcessingFigures } from "../../workflows/processing-times";
import type { DB } from "../db/db.server";
import { isQueueCategory, QUEUE_CATEGORIES, queueCategory, type QueueCategory } from "../../forms/employment-categories";
import type { ApplicationRow } from "../db/schema";
import type { User } from "../identity/user";
import { requireQueueScope } from "./access.server";
import { deadlineCounts, decidedDurations, waitingCounts } from "./cases.repository";

/** The categories the page lists: the universal form's, the unlimited permit and the change of employer. */
export const PUBLISHED_CATEGORIES = QUEUE_CATEGORIES;
export type PublishedCategory = QueueCategory;

const asCategory = (value: string | null): PublishedCategory => (isQueueCategory(value) ? value : "other");

export interface CategoryTimes {
  category: PublishedCategory;
  figures: ProcessingFigures;
  waiting: number;
}

interface Computed {
  at: number;
  /** The Belgian day the window ended on: a new day computes again, whatever the age. */
  today: string;
  categories: CategoryTimes[];
}

/**
 * How long a computed region is reused: 10 minutes. The figures move by a few decisions a
 * day, and the page is public (anyone may reload it at will): without a cache every view
 * would read a region's decisions of 90 days. Each server keeps its own copy and nothing
 * invalidates it across servers: two servers may disagree for at most 10 minutes on a
 * figure that is a median over 90 days, which nobody can act on — not worth a shared cache.
 */
export const CACHE_MS = 10 * 60 * 1000;

// Per database, so that tests (and scripts) with their own database never share figures.
const cache = new WeakMap<DB, Map<RegionalAuthority, Computed>>();

/** Forget what was computed (tests that add decisions and read the page again at once). */
export function forgetProcessingTimes(db: DB): void {
  cache.delete(db);
}

async function computedTimes(db: DB, region: RegionalAuthority, now: Date): Promise<Computed> {
  const today = todayInBelgium(now);
  const forDb = cache.get(db) ?? new Map<RegionalAuthority, Computed>();
  cache.set(db, forDb);
  const kept = forDb.get(region);
  if (kept && kept.today === today && now.getTime() - kept.at < CACHE_MS && now.getTime() >= kept.at) return kept;
  const [decided, waiting] = await Promise.all([decidedDurations(db, region, windowStart(today)), waitingCounts(db, region)]);
  const durations = new Map<PublishedCategory, number[]>();
  for (const row of decided) {
    const category = asCategory(row.category);
    durations.set(category, [...(durations.get(category) ?? []), Number(row.days)]);
  }
  const waitingBy = new Map<PublishedCategory, number>();
  for (const row of waiting) waitingBy.set(asCategory(row.category), (waitingBy.get(asCategory(row.category)) ?? 0) + Number(row.waiting));
  const computed: Computed = {
    at: now.getTime(),
    today,
    categories: PUBLISHED_CATEGORIES.map((category) => ({
      category,
      figures: processingFigures(durations.get(category) ?? []),
      waiting: waitingBy.get(category) ?? 0,
    })),
  };
  forDb.set(region, computed);
  return computed;
}

/** The public page of one region: per category, the figures, the files waiting, and the expectation for a file completed today. */
export async function publishedProcessingTimes(db: DB, region: RegionalAuthority, now = new Date()) {
  const computed = await computedTimes(db, region, now);
  return {
    region,
    today: computed.today,
    windowFrom: windowStart(computed.today),
    computedAt: new Date(computed.at).toISOString(),
    categories: computed.categories.map((times) => ({ ...times, expected: expectedDecision(times.figures, computed.today) })),
  };
}

/**
 * What the applicant's tracker says of his open case: the same figures as the public page
 * for its region and category, dated from the day his file was complete (or, before that,
 * as a number of days once it is). Null for a decided case, or one without a region.
 */
export async function expectationForCase(db: DB, row: ApplicationRow, now = new Date()): Promise<CaseExpectation | null> {
  if (!isOpen(row.status as CaseStatus) || !isRegionalAuthority(row.competent_authority)) return null;
  const computed = await computedTimes(db, row.competent_authority, now);
  const category = asCategory(queueCategory(row.kind, row.employment_category));
  const figures = computed.categories.find((times) => times.category === category)!.figures;
  if (!figures.enough) return { kind: "too-few", decided: figures.decided };
  if (!row.complete_on) return { kind: "not-complete", figures };
  return { kind: "dated", expected: expectedDecision(figures, row.complete_on)!, completeOn: row.complete_on, figures };
}

/**
 * An officer's deadlines: his queue's open cases overdue, due within the week (today and the
 * next 7 days, as the queue's "this week" filter), and suspended waiting for the applicant.
 * Counts only, no personal data: not audit-logged (the queue they link to is).
 */
export async function deadlineDashboard(db: DB, user: User, now = new Date()) {
  const scope = requireQueueScope(user);
  const today = todayInBelgium(now);
  const weekEnd = addDays(today, 7);
  const counts = await deadlineCounts(db, scope, today, weekEnd);
  return { today, weekEnd, ...counts };
}
