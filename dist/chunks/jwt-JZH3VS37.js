import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  JwtOptionsError,
  createJwt
} from "./chunk-FFUKJBAE.js";
import "./chunk-PVLKH3YO.js";
import "./chunk-4TKG2ZAU.js";
import "./chunk-3FEQ3C2E.js";
export {
  JwtOptionsError,
  createJwt
};
