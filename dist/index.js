import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  createGuard
} from "./chunks/chunk-5AE5WLJ3.js";
import "./chunks/chunk-B42Y4C5A.js";
import {
  GuardStartError,
  startGuard
} from "./chunks/chunk-AMMIEEVX.js";
import {
  GuardConfigError,
  loadGuardConfig,
  parseGuardConfig
} from "./chunks/chunk-WGTDLXYR.js";
import {
  JwtOptionsError,
  createJwt
} from "./chunks/chunk-EMNCPHFK.js";
import "./chunks/chunk-PVLKH3YO.js";
import "./chunks/chunk-ICOGMFBZ.js";
import "./chunks/chunk-5T5D3WER.js";
import "./chunks/chunk-CVQYLSVQ.js";
import "./chunks/chunk-Q23X6CGB.js";
import "./chunks/chunk-RUORUL4P.js";
import "./chunks/chunk-NRBBRAUI.js";
import "./chunks/chunk-OKPJKVYF.js";
import "./chunks/chunk-OLSPZDJD.js";
import "./chunks/chunk-7CQ3VBOM.js";
import {
  RULES,
  scan
} from "./chunks/chunk-6GOC743D.js";
import "./chunks/chunk-STWZCATY.js";
import "./chunks/chunk-LHWLHLWE.js";
import "./chunks/chunk-PSWTDCTJ.js";
import "./chunks/chunk-PTOY7E6B.js";
import "./chunks/chunk-7WMYWOMW.js";
import "./chunks/chunk-ZZFFYHML.js";
import "./chunks/chunk-4X7LYCPC.js";
import "./chunks/chunk-WQ3BRZWN.js";
import "./chunks/chunk-QP2JOC3K.js";
import "./chunks/chunk-NPU2CCGS.js";
import "./chunks/chunk-2A7OQJ75.js";
import "./chunks/chunk-Z3H2VSPE.js";
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
