import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  MAX_WRITERS,
  lockWriter,
  openWriter,
  recordUnfinished,
  slotPath,
  unfinishedCalls
} from "./chunk-XMC5Y4PH.js";
import "./chunk-Z4IN2HOT.js";
import "./chunk-6LN7JBTU.js";
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
