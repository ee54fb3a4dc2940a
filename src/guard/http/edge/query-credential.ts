// Edge step: a credential in the query string is refused outright (URLs end up in logs and histories),
// whatever the endpoint, so a client learns to use the Authorization header.
import { queryCredential } from '../security.ts';
import type { EdgeStep } from './step.ts';

/** Refuses a request that carries a credential in its query string (400). */
export function queryCredentialCheck(): EdgeStep {
  return {
    name: 'query-credential',
    run({ url }) {
      const found = url === undefined ? undefined : queryCredential(url);
      if (found === undefined) return undefined;
      return {
        refusal: 'credentialInQuery',
        message: `credentials in the query string (${found}) are refused; use the Authorization header`,
      };
    },
  };
}
