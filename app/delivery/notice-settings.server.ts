import type { DB } from "../db/db.server";
import { noticeSettingsOf, setNoticeSetting } from "./delivery.repository";
import { noticeDays } from "./notices.server";

/**
 * Whether an enterprise gets end-of-stay notices. Until it chooses, an enterprise of a
 * seasonal sector gets them, and any enterprise gets them for its permits for seasonal work
 * (on by default, with an opt-out: delivery.repository.ts NOTICES_ON); its choice, either
 * way, then holds for all its permits.
 */
export async function endOfStayNoticesFor(db: DB, employerId: string) {
  const employer = await noticeSettingsOf(db, employerId);
  const seasonal = employer.seasonal_sector !== null;
  return {
    enabled: employer.end_of_stay_notices ?? seasonal,
    /** Not chosen yet: the default holds (on for seasonal work). */
    byDefault: employer.end_of_stay_notices === null,
    seasonal,
    days: noticeDays().join(", "),
  };
}

export function setEndOfStayNotices(db: DB, employerId: string, enabled: boolean): Promise<void> {
  return setNoticeSetting(db, employerId, enabled);
}
