import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  JwtOptionsError,
  createJwt
} from "./chunks/chunk-CZMVU7H4.js";
import {
  createGuard
} from "./chunks/chunk-NY7F4LBK.js";
import "./chunks/chunk-FE375AMS.js";
import "./chunks/chunk-CBAVDY4G.js";
import {
  GuardStartError,
  startGuard
} from "./chunks/chunk-HHXBLWKN.js";
import "./chunks/chunk-5T5D3WER.js";
import "./chunks/chunk-S4BN4EEB.js";
import "./chunks/chunk-7UMVFLXT.js";
import "./chunks/chunk-RDICAMBL.js";
import "./chunks/chunk-Q23X6CGB.js";
import "./chunks/chunk-RUORUL4P.js";
import "./chunks/chunk-NRBBRAUI.js";
import "./chunks/chunk-OLSPZDJD.js";
import "./chunks/chunk-7CQ3VBOM.js";
import {
  RULES,
  scan
} from "./chunks/chunk-ILPGQQYG.js";
import "./chunks/chunk-CQGNYWMT.js";
import {
  loadGuardConfig,
  parseGuardConfig
} from "./chunks/chunk-XEFHWJNT.js";
import {
  GuardConfigError
} from "./chunks/chunk-74X72PE5.js";
import "./chunks/chunk-PSWTDCTJ.js";
import "./chunks/chunk-ESICICS6.js";
import "./chunks/chunk-UAZV4FOR.js";
import "./chunks/chunk-4X7LYCPC.js";
import "./chunks/chunk-YY4NUHN7.js";
import "./chunks/chunk-QP2JOC3K.js";
import "./chunks/chunk-QW46R6U7.js";
import "./chunks/chunk-2A7OQJ75.js";
import "./chunks/chunk-Z3H2VSPE.js";
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
