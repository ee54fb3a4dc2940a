import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  GuardStartError,
  startGuard
} from "./chunks/chunk-XYJERNBW.js";
import {
  JwtOptionsError,
  createJwt
} from "./chunks/chunk-SNKPPBPM.js";
import {
  GuardConfigError,
  loadGuardConfig,
  parseGuardConfig
} from "./chunks/chunk-ZFRMYZ6W.js";
import "./chunks/chunk-SL63SGPB.js";
import "./chunks/chunk-3W7JU7BJ.js";
import {
  createGuard
} from "./chunks/chunk-TY5P5EEG.js";
import "./chunks/chunk-PVLKH3YO.js";
import "./chunks/chunk-67WYVQ3P.js";
import "./chunks/chunk-KBU24AYX.js";
import "./chunks/chunk-VQDEGWK2.js";
import "./chunks/chunk-567MXU4F.js";
import {
  RULES,
  scan
} from "./chunks/chunk-OGZFKFUB.js";
import "./chunks/chunk-VVOTB2SZ.js";
import "./chunks/chunk-OE3GFNHV.js";
import "./chunks/chunk-W4ZHFN6Y.js";
import "./chunks/chunk-ZZFFYHML.js";
import "./chunks/chunk-NFPHIZGT.js";
import "./chunks/chunk-PSWTDCTJ.js";
import "./chunks/chunk-4X7LYCPC.js";
import "./chunks/chunk-RES7X5TR.js";
import "./chunks/chunk-QP2JOC3K.js";
import "./chunks/chunk-NPU2CCGS.js";
import "./chunks/chunk-2A7OQJ75.js";
import "./chunks/chunk-75TLNUCV.js";
import "./chunks/chunk-EGMZYHT4.js";
import "./chunks/chunk-NXYKEGLX.js";
import "./chunks/chunk-JFVBWFS7.js";
import "./chunks/chunk-3FEQ3C2E.js";
export {
  GuardConfigError,
  GuardStartError,
  JwtOptionsError,
  RULES,
  createGuard,
  createJwt,
  loadGuardConfig,
  parseGuardConfig,
  scan,
  startGuard
};
