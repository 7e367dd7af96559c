import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { RevocationView } from "../revocation/revocation.server";
import { formatDate } from "./format";
import { CsrfInput, ErrorSummary, TableRegion, TextField, type FieldErrors } from "./forms";

const day = (value: string | null | undefined, language: string) => (value ? formatDate(`${value}T12:00:00Z`, language) : "—");

/** What a posted step answered: its intent, the field errors or the message, what was typed. */
export type RevocationAnswer = { intent?: string; errors?: FieldErrors; values?: Record<string, string>; formError?: string | null } | undefined;

/**
 * The chain after the region ended the work authorisation (app/revocation): each step done,
 * who acts next, and the form of the step this side may take today. On the OE's case page,
 * the commune's file page and the employer's and worker's tracker (without forms).
 */
export function RevocationPanel({ chain, answer, annex51Href }: { chain: RevocationView; answer?: RevocationAnswer; annex51Href?: string }) {
  const { t, i18n } = useTranslation();
  const d = (value: string | null | undefined) => day(value, i18n.language);
  const { facts, next } = chain;
  const commune = chain.communeName ?? "—";
  const lines = [t(chain.decidedBy === "oe" ? "revocation.line.revokedByOe" : `revocation.line.${facts.kind}`, { on: d(facts.endedOn) })];
  if (facts.instructedOn) lines.push(t("revocation.line.instructed", { commune, on: d(facts.instructedOn) }));
  if (facts.informedOn) lines.push(t("revocation.line.informed", { commune, on: d(facts.informedOn) }));
  if (facts.annex51On) lines.push(t("revocation.line.annex51", { on: d(facts.annex51On), until: d(facts.period?.endsOn), code: chain.annex51Code ?? "" }));
  if (facts.stayEndedOn && chain.decidedBy !== "oe") lines.push(t("revocation.line.stayEnded", { on: d(facts.stayEndedOn) }));
  if (facts.struckOffOn) lines.push(t("revocation.line.struckOff", { commune, on: d(facts.struckOffOn) }));
  const nextLine =
    next.step === "SEARCH" ? t("revocation.next.SEARCH", { until: d(next.until) }) : t(`revocation.next.${next.step}`, { commune });
  const step = chain.allowed[0];
  const mine = step !== undefined && answer?.intent === step;
  return (
    <section className={next.who === "none" ? "notice" : "notice notice--warning"} aria-labelledby="revocation-title" id="revocation">
      <h2 id="revocation-title">{t("revocation.title")}</h2>
      <ul>
        {lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <p>
        <strong>{t("revocation.nextLabel")}</strong> {nextLine}
      </p>
      {chain.annex51Code && annex51Href ? (
        <p>
          <a href={annex51Href}>{t("revocation.annex51Download")}</a>
        </p>
      ) : null}
      {step ? (
        <Form method="post" className="narrow" noValidate aria-labelledby="revocation-step-title">
          <h3 id="revocation-step-title">{t(`revocation.step.${step}`, { commune })}</h3>
          {mine && answer?.formError ? <p role="alert">{t(answer.formError)}</p> : null}
          <ErrorSummary errors={mine ? answer?.errors : undefined} />
          <CsrfInput />
          <input type="hidden" name="version" value={chain.version} />
          <TextField
            name="stepOn"
            label={t("revocation.field.on")}
            hint={t("form.dateHint")}
            width="medium"
            defaultValue={mine ? answer?.values?.stepOn : undefined}
            error={mine ? answer?.errors?.stepOn : undefined}
          />
          <button type="submit" className="button" name="intent" value={step}>
            {t(`revocation.record.${step}`)}
          </button>
        </Form>
      ) : null}
    </section>
  );
}

/** The commune's tasks in the chain: files whose next step is its own. */
export function RevocationTasks({ tasks }: { tasks: { id: string; reference: string; worker: string; step: string; instructedOn: string | null }[] }) {
  const { t, i18n } = useTranslation();
  const title = t("revocation.tasksTitle");
  return (
    <section aria-labelledby="revocation-tasks-title">
      <h2 id="revocation-tasks-title">{title}</h2>
      {tasks.length === 0 ? (
        <p>{t("revocation.tasksEmpty")}</p>
      ) : (
        <TableRegion label={title}>
          <table className="table">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t("case.reference")}</th>
                <th scope="col">{t("case.worker")}</th>
                <th scope="col">{t("revocation.instructedOn")}</th>
                <th scope="col">{t("revocation.toDo")}</th>
              </tr>
            </thead>
            <tbody>
              {tasks.map((task) => (
                <tr key={task.id}>
                  <td>
                    <Link to={`cases/${task.id}#revocation`}>{task.reference}</Link>
                  </td>
                  <td>{task.worker}</td>
                  <td>{day(task.instructedOn, i18n.language)}</td>
                  <td>{t(`revocation.record.${task.step}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </section>
  );
}
