import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  verifyAuditLog
} from "./chunk-BVFCCZ3F.js";
import "./chunk-KT3O6I37.js";
import "./chunk-JFVBWFS7.js";
import "./chunk-3FEQ3C2E.js";
export {
  verifyAuditLog
};
