import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  createGuard
} from "./chunks/chunk-2ZGFDIME.js";
import "./chunks/chunk-B42Y4C5A.js";
import {
  GuardStartError,
  startGuard
} from "./chunks/chunk-2ZV7UIWL.js";
import {
  JwtOptionsError,
  createJwt
} from "./chunks/chunk-TSYAHY7D.js";
import "./chunks/chunk-PVLKH3YO.js";
import "./chunks/chunk-5T5D3WER.js";
import "./chunks/chunk-PELRSRKV.js";
import "./chunks/chunk-Q23X6CGB.js";
import "./chunks/chunk-RUORUL4P.js";
import "./chunks/chunk-NRBBRAUI.js";
import "./chunks/chunk-OKPJKVYF.js";
import "./chunks/chunk-OLSPZDJD.js";
import "./chunks/chunk-7CQ3VBOM.js";
import {
  RULES,
  scan
} from "./chunks/chunk-NUMJE4GQ.js";
import "./chunks/chunk-JZKYBVB4.js";
import {
  GuardConfigError,
  loadGuardConfig,
  parseGuardConfig
} from "./chunks/chunk-U5TEDNAY.js";
import "./chunks/chunk-PSWTDCTJ.js";
import "./chunks/chunk-H3ILW6RN.js";
import "./chunks/chunk-UAZV4FOR.js";
import "./chunks/chunk-4X7LYCPC.js";
import "./chunks/chunk-WQ3BRZWN.js";
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
