import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  JwtOptionsError,
  createJwt
} from "./chunks/chunk-M4APNWDM.js";
import {
  createGuard
} from "./chunks/chunk-JQS6BMNZ.js";
import "./chunks/chunk-7O3UA3HI.js";
import "./chunks/chunk-PVLKH3YO.js";
import {
  GuardStartError,
  startGuard
} from "./chunks/chunk-SSAPPKXO.js";
import "./chunks/chunk-666LM267.js";
import "./chunks/chunk-UMG6YOBV.js";
import "./chunks/chunk-Q23X6CGB.js";
import "./chunks/chunk-RUORUL4P.js";
import "./chunks/chunk-7NDUA5L5.js";
import "./chunks/chunk-OKPJKVYF.js";
import "./chunks/chunk-CDLHGY26.js";
import "./chunks/chunk-AAOBOPLT.js";
import "./chunks/chunk-7CQ3VBOM.js";
import {
  RULES,
  scan
} from "./chunks/chunk-XJ2JQDVD.js";
import "./chunks/chunk-J7DQWU6W.js";
import {
  GuardConfigError,
  loadGuardConfig,
  parseGuardConfig
} from "./chunks/chunk-SZ6WAVVE.js";
import "./chunks/chunk-5ZAIW6GE.js";
import "./chunks/chunk-ZQGXCRLX.js";
import "./chunks/chunk-ESICICS6.js";
import "./chunks/chunk-UAZV4FOR.js";
import "./chunks/chunk-4X7LYCPC.js";
import "./chunks/chunk-56MK7T7Y.js";
import "./chunks/chunk-QP2JOC3K.js";
import "./chunks/chunk-QW46R6U7.js";
import "./chunks/chunk-2A7OQJ75.js";
import "./chunks/chunk-XMC5Y4PH.js";
import "./chunks/chunk-Z4IN2HOT.js";
import "./chunks/chunk-6LN7JBTU.js";
import "./chunks/chunk-IBPUZ36J.js";
import "./chunks/chunk-3FEQ3C2E.js";

// src/index.ts
function scan2(options = {}) {
  return scan({ ...options, rules: options.rules ?? RULES });
}
export {
  GuardConfigError,
  GuardStartError,
  JwtOptionsError,
  RULES,
  createGuard,
  createJwt,
  loadGuardConfig,
  parseGuardConfig,
  scan2 as scan,
  startGuard
};
