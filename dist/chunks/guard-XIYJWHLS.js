import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  createGuard
} from "./chunk-NY7F4LBK.js";
import "./chunk-FE375AMS.js";
import "./chunk-CBAVDY4G.js";
import "./chunk-5T5D3WER.js";
import "./chunk-7UMVFLXT.js";
import "./chunk-RDICAMBL.js";
import "./chunk-Q23X6CGB.js";
import "./chunk-RUORUL4P.js";
import "./chunk-NRBBRAUI.js";
import "./chunk-OLSPZDJD.js";
import "./chunk-7CQ3VBOM.js";
import "./chunk-CQGNYWMT.js";
import "./chunk-PSWTDCTJ.js";
import "./chunk-4X7LYCPC.js";
import "./chunk-YY4NUHN7.js";
import "./chunk-2A7OQJ75.js";
import "./chunk-Z3H2VSPE.js";
import "./chunk-3FEQ3C2E.js";
export {
  createGuard
};
