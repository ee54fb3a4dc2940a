import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  JwtOptionsError,
  createJwt
} from "./chunks/chunk-FMOS3LR4.js";
import {
  GuardConfigError,
  loadGuardConfig,
  parseGuardConfig
} from "./chunks/chunk-CGFZJMTA.js";
import "./chunks/chunk-6PEF44TP.js";
import {
  createGuard
} from "./chunks/chunk-3PLA3Y3R.js";
import "./chunks/chunk-PVLKH3YO.js";
import "./chunks/chunk-HVPIIWSV.js";
import "./chunks/chunk-KXB3F6GO.js";
import "./chunks/chunk-567MXU4F.js";
import {
  GuardStartError,
  startGuard
} from "./chunks/chunk-VQZ24KVT.js";
import "./chunks/chunk-SVSYHHXB.js";
import {
  RULES,
  scan
} from "./chunks/chunk-MHH23FDY.js";
import "./chunks/chunk-LHWLHLWE.js";
import "./chunks/chunk-26F2K6XT.js";
import "./chunks/chunk-7WMYWOMW.js";
import "./chunks/chunk-ZZFFYHML.js";
import "./chunks/chunk-7REV4DXH.js";
import "./chunks/chunk-PSWTDCTJ.js";
import "./chunks/chunk-4X7LYCPC.js";
import "./chunks/chunk-QP2JOC3K.js";
import "./chunks/chunk-NPU2CCGS.js";
import "./chunks/chunk-2A7OQJ75.js";
import "./chunks/chunk-AFSMA25Q.js";
import "./chunks/chunk-3A7AZ5BI.js";
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
