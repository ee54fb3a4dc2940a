import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  GuardStartError,
  startGuard
} from "./chunks/chunk-UUKPSF4J.js";
import {
  JwtOptionsError,
  createJwt
} from "./chunks/chunk-C2NCRWTP.js";
import "./chunks/chunk-6WXXMZ7E.js";
import {
  createGuard
} from "./chunks/chunk-VNNUYJEZ.js";
import "./chunks/chunk-PVLKH3YO.js";
import "./chunks/chunk-67WYVQ3P.js";
import "./chunks/chunk-KBU24AYX.js";
import "./chunks/chunk-VQDEGWK2.js";
import "./chunks/chunk-567MXU4F.js";
import {
  RULES,
  scan
} from "./chunks/chunk-CG6WMEYW.js";
import {
  GuardConfigError,
  loadGuardConfig,
  parseGuardConfig
} from "./chunks/chunk-N6PWYNHJ.js";
import "./chunks/chunk-ESUK4C6Y.js";
import "./chunks/chunk-UAZV4FOR.js";
import "./chunks/chunk-2YVXBWAQ.js";
import "./chunks/chunk-PSWTDCTJ.js";
import "./chunks/chunk-4X7LYCPC.js";
import "./chunks/chunk-RES7X5TR.js";
import "./chunks/chunk-QP2JOC3K.js";
import "./chunks/chunk-QW46R6U7.js";
import "./chunks/chunk-2A7OQJ75.js";
import "./chunks/chunk-75TLNUCV.js";
import "./chunks/chunk-EGMZYHT4.js";
import "./chunks/chunk-NXYKEGLX.js";
import "./chunks/chunk-JFVBWFS7.js";
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
