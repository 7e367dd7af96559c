import { useTranslation } from "react-i18next";
import { countryName } from "../../forms/countries";
import { parseSalary } from "../../forms/employment";
import { visaPostName } from "../../forms/visa-posts";
import type { AnswerRow } from "../drafts/answer-rows.server";
import { formatDate, formatEuros } from "./format";

/** One answer as the reader's language shows it: dates and amounts by Intl, options by their labels. */
export function AnswerValue({ row }: { row: AnswerRow }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const { value } = row;
  if (!value) return <>{t("applicationForm.check.notGiven")}</>;
  switch (row.display) {
    case "country":
      return <>{countryName(value, language)}</>;
    case "visa-post":
      return <>{visaPostName(value, language) ?? t("applicationForm.worker.visaPostOther")}</>;
    case "option":
      return <>{t(`${row.optionLabels}.${value}`)}</>;
    case "confirmed":
      return <>{t("applicationForm.check.confirmed")}</>;
    case "date":
      return <>{/^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDate(`${value}T12:00:00Z`, language) : value}</>;
    case "money": {
      const amount = parseSalary(value);
      return <>{amount === null ? value : formatEuros(amount, language)}</>;
    }
    default:
      return <>{value}</>;
  }
}
