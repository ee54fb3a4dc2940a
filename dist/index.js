import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  GuardStartError,
  startGuard
} from "./chunks/chunk-2D62JU7C.js";
import {
  JwtOptionsError,
  createJwt
} from "./chunks/chunk-6PAMV2ER.js";
import "./chunks/chunk-AZA7RF5M.js";
import {
  createGuard
} from "./chunks/chunk-2ZGFDIME.js";
import "./chunks/chunk-B42Y4C5A.js";
import "./chunks/chunk-PVLKH3YO.js";
import "./chunks/chunk-Q23X6CGB.js";
import "./chunks/chunk-RUORUL4P.js";
import "./chunks/chunk-NRBBRAUI.js";
import "./chunks/chunk-OKPJKVYF.js";
import "./chunks/chunk-OLSPZDJD.js";
import "./chunks/chunk-7CQ3VBOM.js";
import {
  RULES,
  scan
} from "./chunks/chunk-QRZQIEPN.js";
import {
  GuardConfigError,
  loadGuardConfig,
  parseGuardConfig
} from "./chunks/chunk-P3T7EEVA.js";
import "./chunks/chunk-G5XB23V6.js";
import "./chunks/chunk-ESICICS6.js";
import "./chunks/chunk-UAZV4FOR.js";
import "./chunks/chunk-JZKYBVB4.js";
import "./chunks/chunk-PSWTDCTJ.js";
import "./chunks/chunk-4X7LYCPC.js";
import "./chunks/chunk-QP2JOC3K.js";
import "./chunks/chunk-QW46R6U7.js";
import "./chunks/chunk-2A7OQJ75.js";
import "./chunks/chunk-5T5D3WER.js";
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
