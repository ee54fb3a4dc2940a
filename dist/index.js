import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  JwtOptionsError,
  createJwt
} from "./chunks/chunk-SLHT3YXK.js";
import {
  createGuard
} from "./chunks/chunk-UIPARLG5.js";
import "./chunks/chunk-PVLKH3YO.js";
import "./chunks/chunk-HVPIIWSV.js";
import "./chunks/chunk-PHY5IBXC.js";
import "./chunks/chunk-567MXU4F.js";
import {
  GuardStartError,
  startGuard
} from "./chunks/chunk-AGHRBANE.js";
import {
  GuardConfigError,
  loadGuardConfig,
  parseGuardConfig
} from "./chunks/chunk-GJR5HKLK.js";
import "./chunks/chunk-G4WOARFI.js";
import {
  RULES,
  scan
} from "./chunks/chunk-NP7RB33W.js";
import "./chunks/chunk-26F2K6XT.js";
import "./chunks/chunk-AKSVX32V.js";
import "./chunks/chunk-INU3ZGQP.js";
import "./chunks/chunk-7WMYWOMW.js";
import "./chunks/chunk-ZZFFYHML.js";
import "./chunks/chunk-PSWTDCTJ.js";
import "./chunks/chunk-4X7LYCPC.js";
import "./chunks/chunk-AFSMA25Q.js";
import "./chunks/chunk-3A7AZ5BI.js";
import "./chunks/chunk-ZIEPUSA5.js";
import "./chunks/chunk-3FEQ3C2E.js";
export {
  GuardConfigError,
  GuardStartError,
  JwtOptionsError,
  RULES,
  createGuard,
  createJwt,
  loadGuardConfig,
  parseGuardConfig,
  scan,
  startGuard
};
