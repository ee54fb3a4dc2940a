import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  createGuard
} from "./chunks/chunk-QXWOGR2F.js";
import "./chunks/chunk-AFSMA25Q.js";
import "./chunks/chunk-76OGET5N.js";
import "./chunks/chunk-WPGMC7MP.js";
import {
  loadGuardConfig
} from "./chunks/chunk-2GGE4WIE.js";
import {
  RULES,
  scan
} from "./chunks/chunk-LJBAAV3E.js";
import "./chunks/chunk-3KSBQUBP.js";
import "./chunks/chunk-NSP67LKH.js";
import "./chunks/chunk-BRZLQKKQ.js";
import "./chunks/chunk-6MOS6RNO.js";
import "./chunks/chunk-XSOO4F43.js";
import "./chunks/chunk-QP2JOC3K.js";
import "./chunks/chunk-NPU2CCGS.js";
import "./chunks/chunk-2A7OQJ75.js";
import "./chunks/chunk-3A7AZ5BI.js";
import "./chunks/chunk-3FEQ3C2E.js";
export {
  RULES,
  createGuard,
  loadGuardConfig,
  scan
};
