import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  auditPathFor,
  openGuardState
} from "./chunk-CGKOU7XJ.js";
import "./chunk-3FEQ3C2E.js";
export {
  auditPathFor,
  openGuardState
};
