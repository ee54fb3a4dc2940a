import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  JwtOptionsError,
  createJwt
} from "./chunks/chunk-SCQDEQIP.js";
import {
  createGuard
} from "./chunks/chunk-N46CTEPA.js";
import "./chunks/chunk-SKVSEXDP.js";
import "./chunks/chunk-VWQGYYJ4.js";
import "./chunks/chunk-7CQ3VBOM.js";
import "./chunks/chunk-U4W7KDUM.js";
import "./chunks/chunk-D5AWN6GZ.js";
import {
  GuardStartError,
  startGuard
} from "./chunks/chunk-PIDTRBAL.js";
import "./chunks/chunk-VWPGPIYQ.js";
import "./chunks/chunk-JFS4Q3CR.js";
import "./chunks/chunk-BXGSCQ57.js";
import "./chunks/chunk-FCKO7X2W.js";
import "./chunks/chunk-BNXRC74E.js";
import "./chunks/chunk-JW5THHOE.js";
import "./chunks/chunk-RDICAMBL.js";
import "./chunks/chunk-Q23X6CGB.js";
import "./chunks/chunk-RUORUL4P.js";
import {
  RULES,
  scan
} from "./chunks/chunk-OIYMIESK.js";
import {
  loadGuardConfig,
  parseGuardConfig
} from "./chunks/chunk-6UJBN6X4.js";
import "./chunks/chunk-ZQGXCRLX.js";
import {
  GuardConfigError
} from "./chunks/chunk-5SZF2LIN.js";
import "./chunks/chunk-KMSCNTC6.js";
import "./chunks/chunk-4X7LYCPC.js";
import "./chunks/chunk-ESICICS6.js";
import "./chunks/chunk-UAZV4FOR.js";
import "./chunks/chunk-M6V24A5U.js";
import "./chunks/chunk-UYLFND74.js";
import "./chunks/chunk-IBPUZ36J.js";
import "./chunks/chunk-YJ42EYLH.js";
import "./chunks/chunk-QP2JOC3K.js";
import "./chunks/chunk-QW46R6U7.js";
import "./chunks/chunk-2A7OQJ75.js";
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
