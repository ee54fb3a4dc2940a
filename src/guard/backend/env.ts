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

/** Builds the child's environment: the safe set (and `LC_*`) from `parent`, then the configured `env` on top. */
export function backendEnv(
  configured: Record<string, string>,
  parent: NodeJS.ProcessEnv,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(parent)) {
    if (value === undefined) continue;
    if ((SAFE_ENV as readonly string[]).includes(name) || name.startsWith('LC_')) env[name] = value;
  }
  return { ...env, ...configured };
}
