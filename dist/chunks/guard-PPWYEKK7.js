import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  createGuard
} from "./chunk-DATU76V7.js";
import "./chunk-PVLKH3YO.js";
import "./chunk-KY54LOKP.js";
import "./chunk-AKSVX32V.js";
import "./chunk-6MOS6RNO.js";
import "./chunk-AFSMA25Q.js";
import "./chunk-3A7AZ5BI.js";
import "./chunk-3FEQ3C2E.js";
export {
  createGuard
};
