import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  JwtOptionsError,
  createJwt
} from "./chunk-SLHT3YXK.js";
import "./chunk-PVLKH3YO.js";
import "./chunk-G4WOARFI.js";
import "./chunk-ZZFFYHML.js";
import "./chunk-3FEQ3C2E.js";
export {
  JwtOptionsError,
  createJwt
};
