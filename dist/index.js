import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  JwtOptionsError,
  createJwt
} from "./chunks/chunk-HAN6LC4A.js";
import {
  createGuard
} from "./chunks/chunk-DATU76V7.js";
import "./chunks/chunk-PVLKH3YO.js";
import "./chunks/chunk-KY54LOKP.js";
import {
  GuardStartError,
  startGuard
} from "./chunks/chunk-HDLLP7YW.js";
import {
  GuardConfigError,
  loadGuardConfig,
  parseGuardConfig
} from "./chunks/chunk-6K5MTI7C.js";
import "./chunks/chunk-KAPM5IEN.js";
import {
  RULES,
  scan
} from "./chunks/chunk-TFSVPJRB.js";
import "./chunks/chunk-26F2K6XT.js";
import "./chunks/chunk-AKSVX32V.js";
import "./chunks/chunk-6ABDFLJX.js";
import "./chunks/chunk-7WMYWOMW.js";
import "./chunks/chunk-ZZFFYHML.js";
import "./chunks/chunk-6MOS6RNO.js";
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
