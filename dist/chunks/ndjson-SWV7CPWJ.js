import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  NdjsonTransport
} from "./chunk-HVPIIWSV.js";
import "./chunk-567MXU4F.js";
import "./chunk-3FEQ3C2E.js";
export {
  NdjsonTransport
};
