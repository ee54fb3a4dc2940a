import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  JwtOptionsError,
  createJwt
} from "./chunks/chunk-SCQDEQIP.js";
import {
  createGuard
} from "./chunks/chunk-GBAKVASZ.js";
import "./chunks/chunk-4IPMCEJD.js";
import "./chunks/chunk-U4W7KDUM.js";
import "./chunks/chunk-D5AWN6GZ.js";
import {
  GuardStartError,
  startGuard
} from "./chunks/chunk-CXWEEZ5U.js";
import "./chunks/chunk-UNDICQAT.js";
import "./chunks/chunk-LAUTKOJJ.js";
import "./chunks/chunk-R23SM6G4.js";
import "./chunks/chunk-Z4IN2HOT.js";
import "./chunks/chunk-JW5THHOE.js";
import "./chunks/chunk-RDICAMBL.js";
import "./chunks/chunk-Q23X6CGB.js";
import "./chunks/chunk-RUORUL4P.js";
import "./chunks/chunk-7NDUA5L5.js";
import "./chunks/chunk-7CQ3VBOM.js";
import {
  RULES,
  scan
} from "./chunks/chunk-ZID5KVJL.js";
import "./chunks/chunk-KMSCNTC6.js";
import {
  loadGuardConfig,
  parseGuardConfig
} from "./chunks/chunk-6UJBN6X4.js";
import "./chunks/chunk-ZQGXCRLX.js";
import {
  GuardConfigError
} from "./chunks/chunk-5SZF2LIN.js";
import "./chunks/chunk-4X7LYCPC.js";
import "./chunks/chunk-ESICICS6.js";
import "./chunks/chunk-UAZV4FOR.js";
import "./chunks/chunk-56MK7T7Y.js";
import "./chunks/chunk-6LN7JBTU.js";
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
