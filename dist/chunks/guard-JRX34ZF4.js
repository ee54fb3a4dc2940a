import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  createGuard
} from "./chunk-TIBEH5FI.js";
import "./chunk-7O3UA3HI.js";
import "./chunk-PVLKH3YO.js";
import "./chunk-2OBXWFUP.js";
import "./chunk-Q23X6CGB.js";
import "./chunk-RUORUL4P.js";
import "./chunk-7NDUA5L5.js";
import "./chunk-OKPJKVYF.js";
import "./chunk-MPQGWRA6.js";
import "./chunk-7CQ3VBOM.js";
import "./chunk-NMOWQJPF.js";
import "./chunk-PSWTDCTJ.js";
import "./chunk-4X7LYCPC.js";
import "./chunk-BVFCCZ3F.js";
import "./chunk-2A7OQJ75.js";
import "./chunk-S4VB6DKR.js";
import "./chunk-5KLXAV57.js";
import "./chunk-KT3O6I37.js";
import "./chunk-JFVBWFS7.js";
import "./chunk-3FEQ3C2E.js";
export {
  createGuard
};
