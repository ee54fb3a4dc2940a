import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);

// src/cli/errors.ts
var EXIT = { ok: 0, findings: 1, usage: 2, internal: 3 };
var UsageError = class extends Error {
};

export {
  EXIT,
  UsageError
};
