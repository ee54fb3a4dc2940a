import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);

// src/config/variables.ts
var PATTERN = /\$\{\{\s*(?:secrets|inputs|env)\.([\w.-]+)\s*\}\}|\$\{(?:(env|input|file|config|command):)?([^}:]+?)(?::-([^}]*))?\}|\$([A-Z_][A-Z0-9_]*)\b|%([A-Z_][A-Z0-9_]*)%|\{\{\s*([\w.-]+)\s*\}\}/g;
var EDITOR_VARIABLES = /* @__PURE__ */ new Set([
  "userHome",
  "workspaceFolder",
  "workspaceFolderBasename",
  "workspaceRoot",
  "cwd",
  "pathSeparator",
  "home",
  "HOME"
]);
function findRefs(text) {
  if (!text.includes("$") && !text.includes("%") && !text.includes("{{")) return [];
  const refs = [];
  for (const m of text.matchAll(PATTERN)) {
    if (m[1] !== void 0) refs.push({ kind: "secret", name: m[1], text: m[0] });
    else if (m[3] !== void 0) {
      const prefix = m[2];
      const name = m[3].trim();
      const kind = prefix === "input" ? "input" : prefix === "file" ? "file" : prefix === "env" || !prefix && !EDITOR_VARIABLES.has(name) ? "env" : "other";
      refs.push({ kind, name, text: m[0], ...m[4] !== void 0 ? { fallback: m[4] } : {} });
    } else if (m[5] !== void 0) refs.push({ kind: "env", name: m[5], text: m[0] });
    else if (m[6] !== void 0) refs.push({ kind: "env", name: m[6], text: m[0] });
    else if (m[7] !== void 0) refs.push({ kind: "other", name: m[7], text: m[0] });
  }
  return refs;
}
var UnsetVariableError = class extends Error {
  variable;
  constructor(variable) {
    super(`environment variable ${variable} is not set`);
    this.variable = variable;
    this.name = "UnsetVariableError";
  }
};
function interpolate(text, env) {
  if (!text.includes("${")) return text;
  return text.replace(
    /\$\$\{|\$\{(?:env:)?([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g,
    (whole, name, fallback) => {
      if (whole === "$${") return "${";
      const value = env[name];
      if (value !== void 0 && value !== "") return value;
      if (fallback !== void 0) return fallback;
      throw new UnsetVariableError(name);
    }
  );
}

export {
  findRefs,
  UnsetVariableError,
  interpolate
};
