// The environment a backend child gets: its configured `env` plus a small safe set from the guard's
// own environment. Everything else (the guard's API keys, tokens, cloud credentials) stays behind.

/** Names passed through from the guard's environment when set. */
export const SAFE_ENV = [
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'SHELL',
  'LANG',
  'LANGUAGE',
  'TERM',
  'TZ',
  'TMPDIR',
  'TEMP',
  'TMP',
  'SYSTEMROOT',
  'SystemRoot',
  'WINDIR',
  'COMSPEC',
  'PATHEXT',
  'APPDATA',
  'LOCALAPPDATA',
  'USERPROFILE',
  'PROGRAMFILES',
] as const;

/**
 * The proxy and CA variables, also passed through: behind a corporate proxy or a TLS-inspecting CA, a
 * backend without them (an `npx` download, an API client) hangs or fails with no useful output. A
 * server's configured `env` overrides any of them (an empty value switches a proxy off for most tools).
 */
export const NETWORK_ENV = [
  'HTTPS_PROXY',
  'HTTP_PROXY',
  'NO_PROXY',
  'ALL_PROXY',
  'https_proxy',
  'http_proxy',
  'no_proxy',
  'all_proxy',
  'NODE_EXTRA_CA_CERTS',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'REQUESTS_CA_BUNDLE',
] as const;

const PASSED: ReadonlySet<string> = new Set([...SAFE_ENV, ...NETWORK_ENV]);

/** Builds the child's environment: the safe and network sets (and `LC_*`) from `parent`, then the configured `env` on top. */
export function backendEnv(
  configured: Record<string, string>,
  parent: NodeJS.ProcessEnv,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(parent)) {
    if (value === undefined) continue;
    if (PASSED.has(name) || name.startsWith('LC_')) env[name] = value;
  }
  return { ...env, ...configured };
}
