import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  createGuard
} from "./chunk-FRJVD4QN.js";
import "./chunk-PVLKH3YO.js";
import "./chunk-HVPIIWSV.js";
import "./chunk-KXB3F6GO.js";
import "./chunk-567MXU4F.js";
import "./chunk-EGUC6OLT.js";
import "./chunk-PSWTDCTJ.js";
import "./chunk-4X7LYCPC.js";
import "./chunk-2A7OQJ75.js";
import "./chunk-AFSMA25Q.js";
import "./chunk-3A7AZ5BI.js";
import "./chunk-3FEQ3C2E.js";
export {
  createGuard
};
