import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  backendOptions,
  createGuard
} from "./chunk-6PIL534L.js";
import "./chunk-MSD4MV7N.js";
import "./chunk-PKUT3KWB.js";
import "./chunk-7CQ3VBOM.js";
import "./chunk-U4W7KDUM.js";
import "./chunk-75BSUSJ7.js";
import "./chunk-CRZPUUQH.js";
import "./chunk-BXGSCQ57.js";
import "./chunk-FCKO7X2W.js";
import "./chunk-BNXRC74E.js";
import "./chunk-JW5THHOE.js";
import "./chunk-RDICAMBL.js";
import "./chunk-Q23X6CGB.js";
import "./chunk-RUORUL4P.js";
import "./chunk-KMSCNTC6.js";
import "./chunk-4X7LYCPC.js";
import "./chunk-M6V24A5U.js";
import "./chunk-UYLFND74.js";
import "./chunk-IBPUZ36J.js";
import "./chunk-YJ42EYLH.js";
import "./chunk-2A7OQJ75.js";
import "./chunk-3FEQ3C2E.js";
export {
  backendOptions,
  createGuard
};
