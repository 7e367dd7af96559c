import { data, redirect } from "@remix-run/node";
import type { Role } from "../identity/user";
import { InvalidInputError } from "../errors";
import { formValues, readForm } from "../http/form.server";
import { requireRole } from "../http/guards.server";
import { routeAction, routeLoader } from "../http/responses.server";
import { requestLanguage } from "../http/language.server";
import { translator } from "../i18n/language.server";
import { recordResidenceStep, residenceCase, residenceQueue, ResidenceStepRefused } from "../residence/residence.server";
import { visaPostName } from "../../forms/visa-posts";
import { communeName } from "../../forms/communes";
import { REVOCATION_STEPS } from "../../workflows/revocation-chain";
import { communeRevocationTasks, recordRevocationStep, revocationOf, RevocationStepRefused } from "../revocation/revocation.server";

/** The post's and the commune's pages share their loaders and action; `role` says whose. */
type OfficeRole = Extract<Role, "diplomatic-post" | "commune">;

const homeOf = (role: OfficeRole) => (role === "diplomatic-post" ? "/post" : "/commune");

export const queueLoader = (role: OfficeRole) =>
  routeLoader(async ({ request, db }) => {
    const user = await requireRole(request, db, [role]);
    const language = requestLanguage(request);
    const t = await translator(language);
    const office = (role === "diplomatic-post" ? visaPostName(user.office ?? "", language) : communeName(user.office)) ?? "";
    return {
      title: t(`residence.${role === "diplomatic-post" ? "postQueue" : "communeQueue"}`, { office }),
      office,
      cases: await residenceQueue(db, user),
      // The commune's tasks in the revocation chain (app/revocation): instructed by the OE.
      revocationTasks: role === "commune" ? await communeRevocationTasks(db, user) : null,
    };
  });

export const caseLoader = (role: OfficeRole) =>
  routeLoader(async ({ request, params, db }) => {
    const user = await requireRole(request, db, [role]);
    const page = await residenceCase(db, user, params.id ?? "");
    const t = await translator(requestLanguage(request));
    const revocation = role === "commune" ? await revocationOf(db, page.id, "commune") : null;
    return { ...page, revocation, home: homeOf(role), title: t("residence.caseTitle", { reference: page.reference }) };
  });

/** A step: recorded and back to the page (303), or the page again with the message and what was typed. */
export const caseAction = (role: OfficeRole) =>
  routeAction(async ({ request, params, db }) => {
    const user = await requireRole(request, db, [role]);
    const caseId = params.id ?? "";
    const values = formValues(await readForm(request, user), 600);
    const intent = values.intent ?? "";
    // What was typed comes back with the message (never the session's token).
    const { csrf: _token, ...typed } = values;
    const revocation = role === "commune" && (REVOCATION_STEPS as readonly string[]).includes(intent);
    try {
      if (revocation) await recordRevocationStep(db, user, caseId, intent, values);
      else await recordResidenceStep(db, user, caseId, intent, values);
    } catch (error) {
      if (error instanceof InvalidInputError) return data({ intent, errors: error.errors, values: typed, formError: null }, { status: 400 });
      if (error instanceof ResidenceStepRefused || error instanceof RevocationStepRefused) return data({ intent, errors: {}, values: typed, formError: error.messageKey }, { status: 409 });
      throw error;
    }
    return redirect(`${homeOf(role)}/cases/${caseId}?recorded=${encodeURIComponent(intent)}${revocation ? "#revocation" : ""}`, 303);
  });
