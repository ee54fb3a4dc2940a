import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);

// src/guard/errors.ts
var CODES = {
  parseError: -32700,
  invalidRequest: -32600,
  methodNotFound: -32601,
  invalidParams: -32602,
  internal: -32603,
  unauthenticated: -32001,
  spendBlocked: -32002,
  toolBlocked: -32003,
  heldForApproval: -32004,
  noRoute: -32005,
  rateLimited: -32029
};
var CANCELLED = -32800;
var PolicyError = class extends Error {
  code;
  data;
  /** The audit decision this refusal records (`deny` unless the call is `held` for approval). */
  decision;
  constructor(code, message, data, decision = "deny") {
    super(message);
    this.name = "PolicyError";
    this.code = code;
    this.data = data;
    this.decision = decision;
  }
};

export {
  CODES,
  CANCELLED,
  PolicyError
};
