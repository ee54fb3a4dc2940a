import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  MAX_AMOUNT,
  readPath,
  spendControls,
  spendPolicy,
  unusedSpendWarning
} from "./chunk-J4VTTNKJ.js";
import "./chunk-7CQ3VBOM.js";
import "./chunk-VWPGPIYQ.js";
import "./chunk-4X7LYCPC.js";
import "./chunk-R4QOK6IO.js";
import "./chunk-KVJWATDP.js";
import "./chunk-3FEQ3C2E.js";
export {
  MAX_AMOUNT,
  readPath,
  spendControls,
  spendPolicy,
  unusedSpendWarning
};
