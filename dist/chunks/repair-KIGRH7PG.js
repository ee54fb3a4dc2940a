import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  repairAuditLog
} from "./chunk-OGVPWDGX.js";
import "./chunk-UYDVZ43R.js";
import "./chunk-5KJAU7GF.js";
import "./chunk-3XMMC4B2.js";
import "./chunk-IBPUZ36J.js";
import "./chunk-3FEQ3C2E.js";
export {
  repairAuditLog
};
