import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  createGuard
} from "./chunks/chunk-G4EISFMZ.js";
import "./chunks/chunk-76OGET5N.js";
import "./chunks/chunk-WPGMC7MP.js";
import {
  loadGuardConfig
} from "./chunks/chunk-AJVTB435.js";
import {
  RULES,
  scan
} from "./chunks/chunk-EJMXAZZI.js";
import "./chunks/chunk-AKSVX32V.js";
import "./chunks/chunk-NSP67LKH.js";
import "./chunks/chunk-B7PYELAU.js";
import "./chunks/chunk-6MOS6RNO.js";
import "./chunks/chunk-XSOO4F43.js";
import "./chunks/chunk-AFSMA25Q.js";
import "./chunks/chunk-3A7AZ5BI.js";
import "./chunks/chunk-3FEQ3C2E.js";
export {
  RULES,
  createGuard,
  loadGuardConfig,
  scan
};
