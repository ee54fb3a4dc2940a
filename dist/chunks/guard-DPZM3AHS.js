import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  backendOptions,
  createGuard
} from "./chunk-N46CTEPA.js";
import "./chunk-SKVSEXDP.js";
import "./chunk-VWQGYYJ4.js";
import "./chunk-7CQ3VBOM.js";
import "./chunk-U4W7KDUM.js";
import "./chunk-D5AWN6GZ.js";
import "./chunk-VWPGPIYQ.js";
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
