/** A validation message as an i18n key with its values; the UI translates it. */
export type FieldError = { key: string; values?: Record<string, string | number> };

/** Field errors keyed by field name (the field's id, so the error summary can link to it). */
export type FieldErrors = Record<string, FieldError>;
