import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  backendOptions,
  createGuard
} from "./chunk-JQS6BMNZ.js";
import "./chunk-7O3UA3HI.js";
import "./chunk-PVLKH3YO.js";
import "./chunk-UMG6YOBV.js";
import "./chunk-Q23X6CGB.js";
import "./chunk-RUORUL4P.js";
import "./chunk-7NDUA5L5.js";
import "./chunk-OKPJKVYF.js";
import "./chunk-CDLHGY26.js";
import "./chunk-AAOBOPLT.js";
import "./chunk-7CQ3VBOM.js";
import "./chunk-J7DQWU6W.js";
import "./chunk-4X7LYCPC.js";
import "./chunk-56MK7T7Y.js";
import "./chunk-2A7OQJ75.js";
import "./chunk-XMC5Y4PH.js";
import "./chunk-Z4IN2HOT.js";
import "./chunk-6LN7JBTU.js";
import "./chunk-IBPUZ36J.js";
import "./chunk-3FEQ3C2E.js";
export {
  backendOptions,
  createGuard
};
