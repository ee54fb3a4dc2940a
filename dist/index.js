import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  JwtOptionsError,
  createJwt
} from "./chunks/chunk-M4APNWDM.js";
import {
  createGuard
} from "./chunks/chunk-QOGGRYAQ.js";
import "./chunks/chunk-7O3UA3HI.js";
import "./chunks/chunk-PVLKH3YO.js";
import {
  GuardStartError,
  startGuard
} from "./chunks/chunk-DJII3IHK.js";
import "./chunks/chunk-H3GJDHQZ.js";
import "./chunks/chunk-FVT6KZIB.js";
import "./chunks/chunk-Q23X6CGB.js";
import "./chunks/chunk-RUORUL4P.js";
import "./chunks/chunk-MSD4MV7N.js";
import "./chunks/chunk-OKPJKVYF.js";
import "./chunks/chunk-SSW5YZ5K.js";
import "./chunks/chunk-2X33VQ7E.js";
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
import "./chunks/chunk-RQ2VNGAO.js";
import "./chunks/chunk-QP2JOC3K.js";
import "./chunks/chunk-QW46R6U7.js";
import "./chunks/chunk-2A7OQJ75.js";
import "./chunks/chunk-COKTCOP6.js";
import "./chunks/chunk-DPQDZWQP.js";
import "./chunks/chunk-LRZGNOIT.js";
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
