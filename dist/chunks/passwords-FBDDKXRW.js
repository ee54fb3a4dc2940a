import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  DEFAULT_COST,
  hashPassword,
  parsePasswordHash,
  verifyPassword
} from "./chunk-WQ3BRZWN.js";
import "./chunk-3FEQ3C2E.js";
export {
  DEFAULT_COST,
  hashPassword,
  parsePasswordHash,
  verifyPassword
};
