/**
 * Values of `returnTo` that must never send anyone off this site (or round in circles):
 * what browsers read as another origin once they drop tabs and newlines or turn
 * backslashes into slashes, the same percent-encoded once or twice, other schemes, paths
 * that a URL parser normalises into "//host", and the sign-in pages themselves.
 */
export const HOSTILE_RETURN_TOS = [
  "//evil.example",
  "//evil.example/applications",
  "///evil.example",
  "https://evil.example/",
  "http:evil.example",
  "javascript:alert(1)",
  "evil.example",
  "/\\evil.example",
  "\\\\evil.example",
  "/\t/evil.example",
  "/\r/evil.example",
  "/\n/evil.example",
  "\t//evil.example",
  " //evil.example",
  "/\u2028/evil.example",
  "/%09/evil.example",
  "/%0d/evil.example",
  "/%0A/evil.example",
  "/%2F/evil.example",
  "%2F%2Fevil.example",
  "/%5Cevil.example",
  "/%5c%5cevil.example",
  "/%252F%252Fevil.example",
  "/%25252F%25252Fevil.example",
  "/%0d%0aSet-Cookie:%20x=y",
  "/.//evil.example",
  "/..//evil.example",
  "/%2e%2e//evil.example",
  "/%",
  "",
  "/login",
  "/auth/callback?code=x",
  "/idp/auth",
] as const;
