import { useTranslation } from "react-i18next";
import type { Mandate } from "../identity/user";

/** Says which enterprises' files a representative lost during his session (a mandate revoked or run out). */
export function EndedMandates({ ended }: { ended: readonly Mandate[] }) {
  const { t, i18n } = useTranslation();
  if (ended.length === 0) return null;
  const enterprises = new Intl.ListFormat(i18n.language, { type: "conjunction" }).format(ended.map((mandate) => `${mandate.name} (${mandate.enterpriseNumber})`));
  return (
    <p className="notice" role="status">
      {t("mandates.endedFor", { enterprises })}
    </p>
  );
}
