import type { ReactNode } from "react";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** The top of a form step: the way back (to check answers when opened from there) and "step N of M". */
export function StepHeader({ draftId, returnToCheck, step, count }: { draftId: string; returnToCheck: boolean; step: number; count: number }) {
  const { t } = useTranslation();
  return (
    <>
      <Link className="back-link" to={returnToCheck ? `/applications/drafts/${draftId}/check` : `/applications/drafts/${draftId}`}>
        {t(returnToCheck ? "applicationForm.backToCheck" : "applicationForm.backToTaskList")}
      </Link>
      <p className="caption">{t("applicationForm.stepOf", { step, count })}</p>
    </>
  );
}

/** The buttons of a form step: save and continue (first, so Enter continues), any extra, save and finish later. */
export function StepButtons({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="button-group">
      <button type="submit" className="button" name="intent" value="continue">
        {t("applicationForm.saveAndContinue")}
      </button>
      {children}
      <button type="submit" name="intent" value="save-later" className="button button--secondary">
        {t("drafts.save")}
      </button>
    </div>
  );
}

/** Which authority handles the application and why: the place of work, or the registered office. */
export function CompetentAuthority({ authority, basis, placeOfWork }: { authority: string | null; basis: string | null; placeOfWork: string }) {
  const { t } = useTranslation();
  if (!authority) return null;
  return (
    <p>
      {t("applicationForm.taskList.authority", { authority: t(`authority.${authority}`) })}{" "}
      {basis ? t(`applicationForm.taskList.basis.${basis}`, { postalCode: placeOfWork }) : null}
    </p>
  );
}
