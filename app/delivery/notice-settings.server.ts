import type { DB } from "../db/db.server";
import { noticeSettingsOf, setNoticeSetting } from "./delivery.repository";
import { noticeDays } from "./notices.server";

/** Whether an enterprise gets end-of-stay notices; seasonal sectors are told about it prominently. */
export async function endOfStayNoticesFor(db: DB, employerId: string) {
  const employer = await noticeSettingsOf(db, employerId);
  return { enabled: employer.end_of_stay_notices, seasonal: employer.seasonal_sector !== null, days: noticeDays().join(", ") };
}

export function setEndOfStayNotices(db: DB, employerId: string, enabled: boolean): Promise<void> {
  return setNoticeSetting(db, employerId, enabled);
}
