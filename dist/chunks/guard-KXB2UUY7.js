import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  createGuard
} from "./chunk-ULJHIIZJ.js";
import "./chunk-MPQGWRA6.js";
import "./chunk-FE375AMS.js";
import "./chunk-U4W7KDUM.js";
import "./chunk-3XS4S76W.js";
import "./chunk-LAUTKOJJ.js";
import "./chunk-R23SM6G4.js";
import "./chunk-Z4IN2HOT.js";
import "./chunk-JW5THHOE.js";
import "./chunk-RDICAMBL.js";
import "./chunk-Q23X6CGB.js";
import "./chunk-RUORUL4P.js";
import "./chunk-7NDUA5L5.js";
import "./chunk-7CQ3VBOM.js";
import "./chunk-KCOQX6DX.js";
import "./chunk-PSWTDCTJ.js";
import "./chunk-4X7LYCPC.js";
import "./chunk-56MK7T7Y.js";
import "./chunk-6LN7JBTU.js";
import "./chunk-IBPUZ36J.js";
import "./chunk-YY4NUHN7.js";
import "./chunk-2A7OQJ75.js";
import "./chunk-3FEQ3C2E.js";
export {
  createGuard
};
