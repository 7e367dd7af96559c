import type { FieldErrors } from "../forms/errors";

/**
 * What a service says when it will not or cannot do what was asked. Services throw these,
 * never HTTP responses; the routes' one mapping (app/http/responses.server.ts) turns them
 * into 404 / 403 / 409 / 400, and background jobs log them and go on.
 */
export abstract class DomainError extends Error {
  abstract readonly kind: "not-found" | "forbidden" | "conflict" | "invalid";
}

/** No such thing — or one this person may not know exists (the answer must not confirm it). */
export class NotFoundError extends DomainError {
  readonly kind = "not-found";
  constructor(what: string) {
    super(`not found: ${what}`);
  }
}

/** The thing exists and the person knows it, but may not do this with it. */
export class ForbiddenError extends DomainError {
  readonly kind = "forbidden";
  constructor(why: string) {
    super(`forbidden: ${why}`);
  }
}

/**
 * The request was fine but the state moved on (a stale page, a lifecycle step no longer
 * allowed, a draft filed meanwhile). `messageKey` is the i18n key the page shows.
 */
export class ConflictError extends DomainError {
  readonly kind = "conflict";
  constructor(
    readonly messageKey: string,
    detail = messageKey,
  ) {
    super(`conflict: ${detail}`);
  }
}

/** What was sent cannot be used; `errors` says which field and why, in i18n keys. */
export class InvalidInputError extends DomainError {
  readonly kind = "invalid";
  constructor(
    readonly errors: FieldErrors,
    readonly messageKey: string | null = null,
  ) {
    super(`invalid input: ${Object.keys(errors).join(", ") || messageKey}`);
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
