import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  ApprovalDesk,
  consoleBase
} from "./chunk-Q23X6CGB.js";
import "./chunk-RUORUL4P.js";
import "./chunk-3FEQ3C2E.js";
export {
  ApprovalDesk,
  consoleBase
};
