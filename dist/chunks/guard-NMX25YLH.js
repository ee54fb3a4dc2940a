import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  createGuard
} from "./chunk-PCFRCQKG.js";
import "./chunk-MPQGWRA6.js";
import "./chunk-FE375AMS.js";
import "./chunk-U4W7KDUM.js";
import "./chunk-CBAVDY4G.js";
import "./chunk-2OBXWFUP.js";
import "./chunk-S4VB6DKR.js";
import "./chunk-5KLXAV57.js";
import "./chunk-7UMVFLXT.js";
import "./chunk-RDICAMBL.js";
import "./chunk-Q23X6CGB.js";
import "./chunk-RUORUL4P.js";
import "./chunk-7NDUA5L5.js";
import "./chunk-7CQ3VBOM.js";
import "./chunk-Z2WOBQWO.js";
import "./chunk-PSWTDCTJ.js";
import "./chunk-4X7LYCPC.js";
import "./chunk-BVFCCZ3F.js";
import "./chunk-KT3O6I37.js";
import "./chunk-JFVBWFS7.js";
import "./chunk-YY4NUHN7.js";
import "./chunk-2A7OQJ75.js";
import "./chunk-3FEQ3C2E.js";
export {
  createGuard
};
