import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  MAX_WRITERS,
  lockWriter,
  openWriter,
  recordUnfinished,
  slotPath,
  unfinishedCalls
} from "./chunk-GVOOQYRM.js";
import "./chunk-2TU7KOET.js";
import "./chunk-R4QOK6IO.js";
import "./chunk-KVJWATDP.js";
import "./chunk-3FEQ3C2E.js";
export {
  MAX_WRITERS,
  lockWriter,
  openWriter,
  recordUnfinished,
  slotPath,
  unfinishedCalls
};
