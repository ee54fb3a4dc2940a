import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  MAX_WRITERS,
  lockWriter,
  openWriter,
  slotPath,
  unfinishedCalls
} from "./chunk-S4VB6DKR.js";
import "./chunk-5KLXAV57.js";
import "./chunk-KT3O6I37.js";
import "./chunk-JFVBWFS7.js";
import "./chunk-3FEQ3C2E.js";
export {
  MAX_WRITERS,
  lockWriter,
  openWriter,
  slotPath,
  unfinishedCalls
};
