import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  createGuard
} from "./chunk-2ZGFDIME.js";
import "./chunk-B42Y4C5A.js";
import "./chunk-PVLKH3YO.js";
import "./chunk-Q23X6CGB.js";
import "./chunk-RUORUL4P.js";
import "./chunk-NRBBRAUI.js";
import "./chunk-OKPJKVYF.js";
import "./chunk-OLSPZDJD.js";
import "./chunk-7CQ3VBOM.js";
import "./chunk-JZKYBVB4.js";
import "./chunk-PSWTDCTJ.js";
import "./chunk-4X7LYCPC.js";
import "./chunk-2A7OQJ75.js";
import "./chunk-5T5D3WER.js";
import "./chunk-Z3H2VSPE.js";
import "./chunk-3FEQ3C2E.js";
export {
  createGuard
};
