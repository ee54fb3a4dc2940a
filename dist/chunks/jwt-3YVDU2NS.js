import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  JwtOptionsError,
  createJwt
} from "./chunk-SNKPPBPM.js";
import "./chunk-SL63SGPB.js";
import "./chunk-PVLKH3YO.js";
import "./chunk-ZZFFYHML.js";
import "./chunk-NPU2CCGS.js";
import "./chunk-3FEQ3C2E.js";
export {
  JwtOptionsError,
  createJwt
};
