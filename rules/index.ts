// The rule catalogue, in code order: this list is also the order of SARIF `rules[]` and of
// `mcp-guard rules`. Adding a rule: see CONTRIBUTING.md.
import type { Rule } from '../src/scan/rule.ts';
import autoApprove from './auto-approve.ts';
import broadFilesystemAccess from './broad-filesystem-access.ts';
import configPermissions from './config-permissions.ts';
import configUnparseable from './config-unparseable.ts';
import credentialInUrl from './credential-in-url.ts';
import dockerPrivileged from './docker-privileged.ts';
import exposedEndpoint from './exposed-endpoint.ts';
import guardAuthDisabled from './guard-auth-disabled.ts';
import guardConfigInvalid from './guard-config-invalid.ts';
import guardNoLimits from './guard-no-limits.ts';
import guardWeakSecret from './guard-weak-secret.ts';
import hardcodedSecret from './hardcoded-secret.ts';
import hiddenText from './hidden-text.ts';
import inconsistentLaunch from './inconsistent-launch.ts';
import lookalikePackage from './lookalike-package.ts';
import plaintextHttp from './plaintext-http.ts';
import remoteNoAuth from './remote-no-auth.ts';
import serversIgnored from './servers-ignored.ts';
import shellWrapper from './shell-wrapper.ts';
import tlsVerificationDisabled from './tls-verification-disabled.ts';
import unguardedServer from './unguarded-server.ts';
import unpinnedPackage from './unpinned-package.ts';

/** Every rule, sorted by code. */
export const RULES: readonly Rule[] = [
  configUnparseable,
  serversIgnored,
  remoteNoAuth,
  plaintextHttp,
  credentialInUrl,
  exposedEndpoint,
  unguardedServer,
  autoApprove,
  guardAuthDisabled,
  guardWeakSecret,
  guardNoLimits,
  guardConfigInvalid,
  hardcodedSecret,
  unpinnedPackage,
  shellWrapper,
  dockerPrivileged,
  broadFilesystemAccess,
  tlsVerificationDisabled,
  lookalikePackage,
  inconsistentLaunch,
  configPermissions,
  hiddenText,
];
