import { SuccessBanner } from "../components/announcements";
import { TableRegion } from "../components/forms";
import type { MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { countryName } from "../../forms/countries";
import { QUEUE_CATEGORIES } from "../../forms/employment-categories";
import { CASE_STATUSES } from "../../workflows/case-status";
import { todayInBelgium } from "../../workflows/legal-clock";
import { caseWhereabouts } from "../components/case-status";
import { formatDate } from "../components/format";
import { translator } from "../i18n/language.server";
import { requestLanguage } from "../http/language.server";
import { pageTitle } from "../root-data";
import { requireRole } from "../http/guards.server";
import { officerQueue, parseQueueFilters } from "../cases/officer-queue.server";
import { routeLoader } from "../http/responses.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(data?.title, matches);

export const loader = routeLoader(async ({ request, db }) => {
  const user = await requireRole(request, db, ["regional-officer", "oe-officer"]);
  const t = await translator(requestLanguage(request));
  const authorityName = t(`authority.${user.authority}`);
  const url = new URL(request.url);
  const filters = parseQueueFilters(url.searchParams);
  const { cases, next } = await officerQueue(db, user, filters);
  // The same view, one page further (a plain link: no JavaScript needed); and back to its start.
  const at = (after: string | null) => {
    const params = new URLSearchParams(url.searchParams);
    if (after) params.set("after", after);
    else params.delete("after");
    return `?${params.toString()}`;
  };
  return {
    title: t("queue.title", { authority: authorityName }),
    authorityName,
    filters,
    today: todayInBelgium(new Date()),
    cases,
    nextPage: next ? at(next) : null,
    firstPage: filters.after ? at(null) : null,
  };
});

/** The queue: a GET form filters it, so every view has its own URL and works without JavaScript. */
export default function OfficerQueue() {
  const { t, i18n } = useTranslation();
  const { cases, authorityName, filters, today, nextPage, firstPage } = useLoaderData<typeof loader>();
  // The column names, looked up once for the 50 rows that repeat them as labels (each t() costs the server a few µs).
  const label = {
    reference: t("applications.reference"),
    worker: t("applications.worker"),
    employer: t("case.employer"),
    category: t("queue.filterCategory"),
    due: t("queue.due"),
    status: t("applications.status"),
    assigned: t("queue.assigned"),
  };
  // The rows repeat a handful of texts (a category, where a case is, "overdue"): each looked
  // up once in this render.
  const texts = new Map<string, string>();
  const text = (key: string, make: () => string) => {
    let value = texts.get(key);
    if (value === undefined) texts.set(key, (value = make()));
    return value;
  };
  return (
    <>
      <SuccessBanner />
      <h1>{t("queue.title", { authority: authorityName })}</h1>
      <p>
        <Link to="/officer/deadlines">{t("deadlines.link")}</Link>
      </p>
      <Form method="get" className="filters">
        <div className="field">
          <label htmlFor="status">{t("queue.filterStatus")}</label>
          <select id="status" name="status" className="select" defaultValue={filters.status}>
            <option value="open">{t("queue.statusOpen")}</option>
            <option value="all">{t("queue.statusAll")}</option>
            {CASE_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`statusName.${status}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="due">{t("queue.filterDue")}</label>
          <select id="due" name="due" className="select" defaultValue={filters.due}>
            <option value="all">{t("queue.dueAll")}</option>
            <option value="week">{t("queue.dueWeek")}</option>
            <option value="overdue">{t("queue.dueOverdue")}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="category">{t("queue.filterCategory")}</label>
          <select id="category" name="category" className="select" defaultValue={filters.category}>
            <option value="all">{t("queue.categoryAll")}</option>
            {QUEUE_CATEGORIES.map((category) => (
              <option key={category} value={category}>
                {t(`categoryName.${category}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field checkbox">
          <input id="mine" name="mine" type="checkbox" value="1" defaultChecked={filters.mine} />
          <label htmlFor="mine">{t("queue.mine")}</label>
        </div>
        <button type="submit" className="button button--secondary">
          {t("queue.apply")}
        </button>
      </Form>
      {cases.length === 0 ? (
        <p>{t("queue.empty")}</p>
      ) : (
        <TableRegion label={t("queue.caption")}>
        <table className="table table--stacked">
          <caption className="visually-hidden">{t("queue.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{label.reference}</th>
              <th scope="col">{label.worker}</th>
              <th scope="col">{label.employer}</th>
              <th scope="col">{label.category}</th>
              <th scope="col">{label.due}</th>
              <th scope="col">{label.status}</th>
              <th scope="col">{label.assigned}</th>
            </tr>
          </thead>
          <tbody>
            {cases.map((item) => (
              <tr key={item.id}>
                <td data-label={label.reference}>
                  <Link to={`/officer/cases/${item.id}`}>{item.reference}</Link>
                </td>
                <td data-label={label.worker}>
                  {item.workerName} ({countryName(item.nationality, i18n.language)})
                </td>
                <td data-label={label.employer}>{item.employerName ?? "—"}</td>
                <td data-label={label.category}>{text(`category ${item.category}`, () => t(`categoryName.${item.category}`))}</td>
                <td data-label={label.due}>
                  {item.dueOn ? formatDate(`${item.dueOn}T12:00:00Z`, i18n.language) : item.waitingForApplicant ? text("waiting", () => t("queue.waitingForApplicant")) : "—"}
                  {item.dueOn && item.dueOn < today ? <strong className="overdue"> {text("overdue", () => t("queue.overdue"))}</strong> : null}
                  {item.escalated ? <strong className="overdue"> {text("escalated", () => t("queue.escalated"))}</strong> : null}
                  {item.proposal ? <strong className="overdue"> {text("proposal", () => t("queue.proposal"))}</strong> : null}
                </td>
                <td data-label={label.status}>
                  {text(`where ${item.status} ${item.authority}`, () => caseWhereabouts(t, item.status, item.authority, "officer"))}
                  {item.incompleteMarked ? ` · ${text("incomplete", () => t("queue.incompleteMarked"))}` : ""}
                </td>
                <td data-label={label.assigned}>{item.assignedToMe ? text("me", () => t("queue.me")) : (item.assignedTo ?? "—")}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </TableRegion>
      )}
      {nextPage || firstPage ? (
        <nav className="pagination" aria-label={t("queue.pages")}>
          {firstPage ? <Link to={firstPage}>{t("queue.firstPage")}</Link> : null}
          {firstPage && nextPage ? " · " : null}
          {nextPage ? <Link to={nextPage}>{t("queue.nextPage")}</Link> : null}
        </nav>
      ) : null}
    </>
  );
}
