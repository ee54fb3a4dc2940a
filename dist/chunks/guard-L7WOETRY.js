import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  createGuard
} from "./chunk-VNNUYJEZ.js";
import "./chunk-PVLKH3YO.js";
import "./chunk-67WYVQ3P.js";
import "./chunk-KBU24AYX.js";
import "./chunk-VQDEGWK2.js";
import "./chunk-567MXU4F.js";
import "./chunk-2YVXBWAQ.js";
import "./chunk-PSWTDCTJ.js";
import "./chunk-4X7LYCPC.js";
import "./chunk-RES7X5TR.js";
import "./chunk-2A7OQJ75.js";
import "./chunk-75TLNUCV.js";
import "./chunk-EGMZYHT4.js";
import "./chunk-NXYKEGLX.js";
import "./chunk-JFVBWFS7.js";
import "./chunk-3FEQ3C2E.js";
export {
  createGuard
};
