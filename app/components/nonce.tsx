import { createContext, useContext } from "react";

/**
 * The request's Content-Security-Policy nonce, for the inline scripts Remix writes. Set by
 * entry.server.tsx; in the browser it is "" (browsers hide a nonce from the DOM once read).
 */
const NonceContext = createContext("");
export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
