import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  createGuard
} from "./chunks/chunk-VEOHZ5PH.js";
import "./chunks/chunk-76OGET5N.js";
import "./chunks/chunk-WPGMC7MP.js";
import {
  loadGuardConfig
} from "./chunks/chunk-X3NZ6JBQ.js";
import {
  RULES,
  scan
} from "./chunks/chunk-VY3GKN3D.js";
import "./chunks/chunk-FWPYB5G7.js";
import "./chunks/chunk-NSP67LKH.js";
import "./chunks/chunk-FSKC64TD.js";
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
