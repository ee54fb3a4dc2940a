import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  DEFAULT_COST,
  hashPassword,
  verifyPassword
} from "./chunk-QVM3XVF3.js";
import {
  parsePasswordHash
} from "./chunk-ESICICS6.js";
import "./chunk-3FEQ3C2E.js";
export {
  DEFAULT_COST,
  hashPassword,
  parsePasswordHash,
  verifyPassword
};
