import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  verifyAuditLog
} from "./chunk-UO5BAW25.js";
import "./chunk-R4QOK6IO.js";
import "./chunk-KVJWATDP.js";
import "./chunk-3FEQ3C2E.js";
export {
  verifyAuditLog
};
