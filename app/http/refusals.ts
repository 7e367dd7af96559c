/**
 * Why a post was refused before its fields were read (app/http/form.server.ts#refuse).
 * Shared with the root error boundary, which reads the reason back from the status text
 * and shows its page in the user's language: not a server module, so the browser has it too.
 */
export const REFUSALS = ["forbidden-origin", "forbidden-token", "unsupported-type", "malformed"] as const;
export type Refusal = (typeof REFUSALS)[number];

/** The status text of a refusal: this prefix, then the reason. */
export const REFUSAL_TEXT = "Refused: ";
