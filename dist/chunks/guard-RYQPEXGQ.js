import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  backendOptions,
  createGuard
} from "./chunk-DYFKZTLM.js";
import "./chunk-7O3UA3HI.js";
import "./chunk-PVLKH3YO.js";
import "./chunk-OGVPWDGX.js";
import "./chunk-Q23X6CGB.js";
import "./chunk-RUORUL4P.js";
import "./chunk-R6GF4WLT.js";
import "./chunk-OKPJKVYF.js";
import "./chunk-KQVNSOVZ.js";
import "./chunk-2X33VQ7E.js";
import "./chunk-7CQ3VBOM.js";
import "./chunk-J7DQWU6W.js";
import "./chunk-4X7LYCPC.js";
import "./chunk-7D5CNCLE.js";
import "./chunk-2A7OQJ75.js";
import "./chunk-UYDVZ43R.js";
import "./chunk-5KJAU7GF.js";
import "./chunk-3XMMC4B2.js";
import "./chunk-IBPUZ36J.js";
import "./chunk-3FEQ3C2E.js";
export {
  backendOptions,
  createGuard
};
