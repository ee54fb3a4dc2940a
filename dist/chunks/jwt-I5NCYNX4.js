import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  JwtOptionsError,
  createJwt
} from "./chunk-FWMHMAOR.js";
import "./chunk-RDICAMBL.js";
import "./chunk-A257UFCZ.js";
import "./chunk-ESICICS6.js";
import "./chunk-QW46R6U7.js";
import "./chunk-3FEQ3C2E.js";
export {
  JwtOptionsError,
  createJwt
};
