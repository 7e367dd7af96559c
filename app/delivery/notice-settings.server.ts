import type { DB } from "../db/db.server";
import { noticeDays } from "./notices.server";

/** Whether an enterprise gets end-of-stay notices; seasonal sectors are told about it prominently. */
export async function endOfStayNoticesFor(db: DB, employerId: string) {
  const employer = await db
    .selectFrom("employers")
    .select(["end_of_stay_notices", "seasonal_sector"])
    .where("id", "=", employerId)
    .executeTakeFirstOrThrow();
  return { enabled: employer.end_of_stay_notices, seasonal: employer.seasonal_sector !== null, days: noticeDays().join(", ") };
}

export async function setEndOfStayNotices(db: DB, employerId: string, enabled: boolean): Promise<void> {
  await db.updateTable("employers").set({ end_of_stay_notices: enabled }).where("id", "=", employerId).execute();
}
