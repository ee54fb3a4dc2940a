import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  backendOptions,
  createGuard
} from "./chunk-ZFMQFD7A.js";
import "./chunk-7O3UA3HI.js";
import "./chunk-PVLKH3YO.js";
import "./chunk-42ZA5WAO.js";
import "./chunk-Q23X6CGB.js";
import "./chunk-RUORUL4P.js";
import "./chunk-THHSRVDR.js";
import "./chunk-OKPJKVYF.js";
import "./chunk-KQYABWDD.js";
import "./chunk-2X33VQ7E.js";
import "./chunk-7CQ3VBOM.js";
import "./chunk-J7DQWU6W.js";
import "./chunk-4X7LYCPC.js";
import "./chunk-WEG2A3SR.js";
import "./chunk-2A7OQJ75.js";
import "./chunk-E7MUAGPL.js";
import "./chunk-7IRYU4PT.js";
import "./chunk-GHLVZI3A.js";
import "./chunk-IBPUZ36J.js";
import "./chunk-3FEQ3C2E.js";
export {
  backendOptions,
  createGuard
};
