import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  JwtOptionsError,
  createJwt
} from "./chunks/chunk-4VOUDWBL.js";
import {
  createGuard
} from "./chunks/chunk-RM33COOW.js";
import "./chunks/chunk-VSRSD7Y3.js";
import "./chunks/chunk-PVLKH3YO.js";
import {
  GuardStartError,
  startGuard
} from "./chunks/chunk-V25KPGVO.js";
import "./chunks/chunk-5RWDKV37.js";
import "./chunks/chunk-LAUTKOJJ.js";
import "./chunks/chunk-Q23X6CGB.js";
import "./chunks/chunk-RUORUL4P.js";
import "./chunks/chunk-7NDUA5L5.js";
import "./chunks/chunk-FM4SSXMF.js";
import "./chunks/chunk-4IPMCEJD.js";
import "./chunks/chunk-7CQ3VBOM.js";
import {
  RULES,
  scan
} from "./chunks/chunk-6R3OTWZE.js";
import "./chunks/chunk-J7DQWU6W.js";
import {
  GuardConfigError,
  loadGuardConfig,
  parseGuardConfig
} from "./chunks/chunk-WKDSD74S.js";
import "./chunks/chunk-ZQGXCRLX.js";
import "./chunks/chunk-4LOJ2DMG.js";
import "./chunks/chunk-ESICICS6.js";
import "./chunks/chunk-UAZV4FOR.js";
import "./chunks/chunk-4X7LYCPC.js";
import "./chunks/chunk-56MK7T7Y.js";
import "./chunks/chunk-QP2JOC3K.js";
import "./chunks/chunk-QW46R6U7.js";
import "./chunks/chunk-2A7OQJ75.js";
import "./chunks/chunk-R23SM6G4.js";
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
