// Edge step: the OAuth Protected Resource Metadata (RFC 9728), served at its well-known paths before
// authentication (a client reads it to find where to get a token).
import type { OAuthAuth } from '../../auth/oauth.ts';
import { prmPaths, protectedResourceMetadata } from '../../auth/prm.ts';
import { sendJson } from '../security.ts';
import { ANSWERED, type EdgeStep } from './step.ts';

/** Serves the metadata of `resource` at the well-known paths of `mcpPath`. */
export function protectedResourceMetadataStep(auth: OAuthAuth, resource: string, mcpPath: string): EdgeStep {
  const paths = new Set(prmPaths(mcpPath));
  return {
    name: 'protected-resource-metadata',
    run({ path, res }) {
      if (!paths.has(path)) return undefined;
      sendJson(res, 200, protectedResourceMetadata(auth, resource));
      return ANSWERED;
    },
  };
}
