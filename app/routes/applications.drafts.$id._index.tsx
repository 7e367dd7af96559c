import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { translator } from "../i18n/language.server";
import { requestLanguage } from "../http/language.server";
import { routeLoader } from "../http/responses.server";
import { pageTitle } from "../root-data";
import { listedSections, mayOpenStep, type FormProgress } from "../../workflows/application-form";
import { CompetentAuthority } from "../components/form-page";
import { requireFormDraft } from "./__draft-guard.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(data?.title, matches);

/** The task list: each section, its status, and a link to it once it can be started. */
export const loader = routeLoader(async ({ request, params, db }) => {
  const { draft } = await requireFormDraft(request, db, params.id);
  const t = await translator(requestLanguage(request));
  const worker = draft.facts.answers.worker;
  const { progress } = draft;
  const sections = listedSections(progress);
  return {
    title: t("applicationForm.taskList.title"),
    id: draft.id,
    workerName: [worker?.givenNames, worker?.familyName].filter(Boolean).join(" "),
    employer: draft.employer.name,
    authority: progress.plan.authority,
    basis: progress.plan.basis,
    placeOfWork: draft.facts.answers.employment?.placeOfWorkPostalCode ?? "",
    outdated: draft.outdated,
    renewal: draft.renewalOf !== null,
    completedCount: sections.filter((section) => section.status === "completed").length,
    sections: sections.map((section) => ({ id: section.id, status: section.status, href: sectionLink(draft.id, progress, section.steps) })),
  };
});

/** The section's first step not completed yet (or its first, to change it); none while an earlier section waits. */
function sectionLink(id: string, progress: FormProgress, steps: string[]): string | null {
  const step = steps.find((candidate) => !progress.facts.completed.includes(candidate)) ?? steps[0];
  return step && mayOpenStep(progress, step) ? `/applications/drafts/${id}/${step}` : null;
}

export default function TaskList() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const sectionName = (id: string) =>
    id === "regional" && !data.authority
      ? t("applicationForm.sections.regionalUnknown")
      : t(`applicationForm.sections.${id}`, { authority: data.authority ? t(`authority.${data.authority}`) : "" });
  return (
    <div className="narrow">
      <Link className="back-link" to="/applications">
        {t("status.back")}
      </Link>
      <h1>{t(data.renewal ? "applicationForm.taskList.renewalTitle" : "applicationForm.taskList.title")}</h1>
      <p>
        {data.workerName
          ? t("applicationForm.taskList.forWorker", { worker: data.workerName, employer: data.employer })
          : t("applicationForm.taskList.forEmployer", { employer: data.employer })}
      </p>
      {data.outdated ? <p className="notice notice--warning">{t("drafts.outdated")}</p> : null}
      <CompetentAuthority authority={data.authority} basis={data.basis} placeOfWork={data.placeOfWork} />
      <p>{t("applicationForm.taskList.count", { done: data.completedCount, total: data.sections.length })}</p>
      <ul className="task-list">
        {data.sections.map((section) => (
          <li key={section.id}>
            {section.href ? (
              <Link to={section.href} aria-describedby={`status-${section.id}`}>
                {sectionName(section.id)}
              </Link>
            ) : (
              <span>{sectionName(section.id)}</span>
            )}
            <span id={`status-${section.id}`} className={`tag tag--${section.status}`}>
              {t(`applicationForm.sectionStatus.${section.status}`)}
            </span>
          </li>
        ))}
      </ul>
      <p>{t("applicationForm.start.drafts")}</p>
      <p>
        <Link to={`/applications/drafts/${data.id}/delete`}>{t("applicationForm.delete.link")}</Link>
      </p>
    </div>
  );
}
