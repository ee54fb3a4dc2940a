import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  createGuard
} from "./chunk-2SR3OIEU.js";
import "./chunk-76OGET5N.js";
import "./chunk-WPGMC7MP.js";
import "./chunk-2PIKMBR2.js";
import "./chunk-6MOS6RNO.js";
import "./chunk-AFSMA25Q.js";
import "./chunk-3A7AZ5BI.js";
import "./chunk-3FEQ3C2E.js";
export {
  createGuard
};
