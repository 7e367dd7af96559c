import { describe, expect, it } from "vitest";
import { tidyText, validateStep, type FieldDefinition, type StepDefinition } from "../../forms/form-definition";

// validateStep itself (forms/form-definition.ts), on a step made for the test: how values are
// tidied, which message a failing field gets, and the bidi controls refused on any field.
const context = { today: "2026-11-28", answers: {}, employerSeatPostalCode: null };
const field = (name: string, rules: FieldDefinition["rules"], extra: Partial<FieldDefinition> = {}): FieldDefinition => ({
  name,
  type: "text",
  label: `test.${name}`,
  maxLength: 100,
  rules,
  ...extra,
});
const step = (...fields: FieldDefinition[]): StepDefinition => ({ id: "test", title: "test.title", fields });

describe("validating a step", () => {
  it("trims a field without a tidier of its own, and an unreadable date it keeps", async () => {
    const result = await validateStep(
      step(field("name", () => [{ rule: "required", message: "m.required" }]), field("day", () => [], { type: "date" })),
      { name: "  Ana  ", day: "  31/02/2026 " },
      context,
    );
    expect(result).toEqual({ ok: false, values: { name: "Ana", day: "31/02/2026" }, errors: { day: expect.objectContaining({ key: expect.stringMatching(/^form\.errors\.date\./) }) } });
  });

  it("gives the message of the check that failed, also when an earlier check takes no arguments either", async () => {
    const consent = step(
      field("consent", () => [
        { rule: "required", message: "m.required" },
        { rule: "accepted", message: "m.accepted" },
      ]),
    );
    expect(await validateStep(consent, { consent: "no" }, context)).toMatchObject({ ok: false, errors: { consent: { key: "m.accepted" } } });
    expect(await validateStep(consent, { consent: "" }, context)).toMatchObject({ ok: false, errors: { consent: { key: "m.required" } } });
    expect(await validateStep(consent, { consent: "yes" }, context)).toEqual({ ok: true, values: { consent: "yes" } });
  });

  it("tells two bounds of the same check apart by their arguments", async () => {
    const bounded = step(
      field("day", () => [
        { rule: "date_from", args: ["2026-01-01"], message: "m.tooEarly" },
        { rule: "date_from", args: ["2026-06-01"], message: "m.notBeforeJune" },
      ], { type: "date" }),
    );
    expect(await validateStep(bounded, { day: "2026-03-01" }, context)).toMatchObject({ errors: { day: { key: "m.notBeforeJune" } } });
    expect(await validateStep(bounded, { day: "2025-12-31" }, context)).toMatchObject({ errors: { day: { key: "m.tooEarly" } } });
  });

  it("refuses a bidi control in any field with its own message, even where every check passes, and keeps the value", async () => {
    const free = step(field("note", () => []));
    const typed = "invoice\u202Efdp.exe";
    expect(await validateStep(free, { note: typed }, context)).toEqual({ ok: false, values: { note: typed }, errors: { note: { key: "form.errors.bidiControl" } } });
  });
});

describe("tidying a name", () => {
  it("collapses runs of white space to one space and trims, in NFC", () => {
    expect(tidyText("  Ana \t\n Marija  ")).toBe("Ana Marija");
    expect(tidyText("Jose\u0301")).toBe("José");
  });
});
