// Variable references in config values, in every client's syntax. A reference is not a secret: the
// scanner must tell `${GITHUB_TOKEN}` from `ghp_...`, and the guard interpolates `${VAR}` itself.

/** One variable reference found in a string. */
export interface VarRef {
  /** The syntax family: `env` (`${VAR}`, `${env:VAR}`, `$VAR`), `input`, `file`, `secret`, or `other`. */
  kind: 'env' | 'input' | 'file' | 'secret' | 'other';
  /** The variable's name (`GITHUB_TOKEN`, the input id, the file path, the secret name). */
  name: string;
  /** The text as written, e.g. `${env:GITHUB_TOKEN}`. */
  text: string;
  /** A default given inline (`${VAR:-default}`), if any. */
  fallback?: string;
}

// `${{ secrets.X }}` (Continue), `${VAR}`, `${VAR:-default}`, `${env:VAR}`, `${input:id}`, `${file:path}`,
// `${userHome}` / `${workspaceFolder}` (editor variables), `$VAR`, `%VAR%` (Windows), `{{VAR}}` templates.
const PATTERN =
  /\$\{\{\s*(?:secrets|inputs|env)\.([\w.-]+)\s*\}\}|\$\{(?:(env|input|file|config|command):)?([^}:]+?)(?::-([^}]*))?\}|\$([A-Z_][A-Z0-9_]*)\b|%([A-Z_][A-Z0-9_]*)%|\{\{\s*([\w.-]+)\s*\}\}/g;

const EDITOR_VARIABLES = new Set([
  'userHome',
  'workspaceFolder',
  'workspaceFolderBasename',
  'workspaceRoot',
  'cwd',
  'pathSeparator',
  'home',
  'HOME',
]);

/** Finds every variable reference in `text`. */
export function findRefs(text: string): VarRef[] {
  if (!text.includes('$') && !text.includes('%') && !text.includes('{{')) return [];
  const refs: VarRef[] = [];
  for (const m of text.matchAll(PATTERN)) {
    if (m[1] !== undefined) refs.push({ kind: 'secret', name: m[1], text: m[0] });
    else if (m[3] !== undefined) {
      const prefix = m[2];
      const name = m[3].trim();
      const kind =
        prefix === 'input'
          ? 'input'
          : prefix === 'file'
            ? 'file'
            : prefix === 'env' || (!prefix && !EDITOR_VARIABLES.has(name))
              ? 'env'
              : 'other';
      refs.push({ kind, name, text: m[0], ...(m[4] !== undefined ? { fallback: m[4] } : {}) });
    } else if (m[5] !== undefined) refs.push({ kind: 'env', name: m[5], text: m[0] });
    else if (m[6] !== undefined) refs.push({ kind: 'env', name: m[6], text: m[0] });
    else if (m[7] !== undefined) refs.push({ kind: 'other', name: m[7], text: m[0] });
  }
  return refs;
}

/** The text with every reference removed: what is left is literal. */
export function literalPart(text: string, refs: readonly VarRef[] = findRefs(text)): string {
  let out = text;
  for (const r of refs) out = out.replace(r.text, '');
  return out;
}

/** Thrown by {@link interpolate} when a variable has no value and no default. */
export class UnsetVariableError extends Error {
  readonly variable: string;
  constructor(variable: string) {
    super(`environment variable ${variable} is not set`);
    this.variable = variable;
    this.name = 'UnsetVariableError';
  }
}

/** The references the guard expands: `${VAR}`, `${env:VAR}`, `${VAR:-default}`; `$${` escapes a `${`. */
const GUARD_REF = /\$\$\{|\$\{(?:env:)?([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/** One reference the guard expands when it loads its config. */
export interface GuardRef {
  /** As written, e.g. `${JWT_SECRET:-dev}`. */
  text: string;
  name: string;
  /** The default after `:-`, used when the variable is unset or empty. */
  fallback?: string;
}

/**
 * The references in `text` that the guard's loader expands (see {@link interpolate}); other syntaxes
 * (`$VAR`, `%VAR%`, `{{VAR}}`) are literal text to the guard.
 */
export function guardRefs(text: string): GuardRef[] {
  if (!text.includes('${')) return [];
  const out: GuardRef[] = [];
  for (const m of text.matchAll(GUARD_REF)) {
    if (m[0] === '$${') continue;
    out.push({ text: m[0], name: m[1], ...(m[2] !== undefined ? { fallback: m[2] } : {}) });
  }
  return out;
}

/**
 * Replaces `${VAR}`, `${env:VAR}` and `${VAR:-default}` with values from `env`. Fails closed: an unset
 * variable without a default throws {@link UnsetVariableError}. `$${` escapes a literal `${`.
 */
export function interpolate(text: string, env: NodeJS.ProcessEnv): string {
  if (!text.includes('${')) return text;
  return text.replace(GUARD_REF, (whole, name, fallback) => {
    if (whole === '$${') return '${';
    const value = env[name];
    if (value !== undefined && value !== '') return value;
    if (fallback !== undefined) return fallback;
    throw new UnsetVariableError(name);
  });
}
