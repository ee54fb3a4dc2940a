import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  MAX_WRITERS,
  lockWriter,
  openWriter,
  recordUnfinished,
  slotPath,
  unfinishedCalls
} from "./chunk-UYDVZ43R.js";
import "./chunk-5KJAU7GF.js";
import "./chunk-3XMMC4B2.js";
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
