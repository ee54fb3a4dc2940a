import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  JwtOptionsError,
  createJwt
} from "./chunks/chunk-VYBPOLFN.js";
import {
  createGuard
} from "./chunks/chunk-WH3KYZ3E.js";
import "./chunks/chunk-PVLKH3YO.js";
import "./chunks/chunk-HVPIIWSV.js";
import "./chunks/chunk-KXB3F6GO.js";
import "./chunks/chunk-567MXU4F.js";
import {
  GuardStartError,
  startGuard
} from "./chunks/chunk-VKUZFJHR.js";
import "./chunks/chunk-IM7GSJNZ.js";
import {
  RULES,
  scan
} from "./chunks/chunk-YTYBKOTD.js";
import {
  GuardConfigError,
  loadGuardConfig,
  parseGuardConfig
} from "./chunks/chunk-MQGC355P.js";
import "./chunks/chunk-3RBNWDQZ.js";
import "./chunks/chunk-UAZV4FOR.js";
import "./chunks/chunk-MJYPTJMY.js";
import "./chunks/chunk-PSWTDCTJ.js";
import "./chunks/chunk-4X7LYCPC.js";
import "./chunks/chunk-QP2JOC3K.js";
import "./chunks/chunk-QW46R6U7.js";
import "./chunks/chunk-2A7OQJ75.js";
import "./chunks/chunk-AFSMA25Q.js";
import "./chunks/chunk-3A7AZ5BI.js";
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
