import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  JwtOptionsError,
  createJwt
} from "./chunk-TSYAHY7D.js";
import "./chunk-PVLKH3YO.js";
import "./chunk-H3ILW6RN.js";
import "./chunk-WQ3BRZWN.js";
import "./chunk-QW46R6U7.js";
import "./chunk-3FEQ3C2E.js";
export {
  JwtOptionsError,
  createJwt
};
