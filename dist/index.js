import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  JwtOptionsError,
  createJwt
} from "./chunks/chunk-HHNDXXA2.js";
import {
  createGuard
} from "./chunks/chunk-ZKQM555T.js";
import "./chunks/chunk-PVLKH3YO.js";
import "./chunks/chunk-HVPIIWSV.js";
import "./chunks/chunk-PHY5IBXC.js";
import "./chunks/chunk-567MXU4F.js";
import {
  GuardStartError,
  startGuard
} from "./chunks/chunk-SKWTZ3KH.js";
import {
  RULES,
  scan
} from "./chunks/chunk-CBHXGSIU.js";
import "./chunks/chunk-UAZV4FOR.js";
import "./chunks/chunk-FW6U35ZO.js";
import {
  GuardConfigError,
  loadGuardConfig,
  parseGuardConfig
} from "./chunks/chunk-JC3SSYII.js";
import "./chunks/chunk-6U232RWC.js";
import "./chunks/chunk-PSWTDCTJ.js";
import "./chunks/chunk-4X7LYCPC.js";
import "./chunks/chunk-AFSMA25Q.js";
import "./chunks/chunk-3A7AZ5BI.js";
import "./chunks/chunk-ZIEPUSA5.js";
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
