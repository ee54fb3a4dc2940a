import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  MAX_WRITERS,
  lockWriter,
  openWriter,
  recordUnfinished,
  slotPath,
  unfinishedCalls
} from "./chunk-GTMIEZLY.js";
import "./chunk-ISYRB2GD.js";
import "./chunk-LRZGNOIT.js";
import "./chunk-IBPUZ36J.js";
import "./chunk-3FEQ3C2E.js";
export {
  MAX_WRITERS,
  lockWriter,
  openWriter,
  recordUnfinished,
  slotPath,
  unfinishedCalls
};
