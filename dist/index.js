import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  GuardStartError,
  startGuard
} from "./chunks/chunk-OBFZ63HI.js";
import {
  JwtOptionsError,
  createJwt
} from "./chunks/chunk-YI5ECGTS.js";
import {
  GuardConfigError,
  loadGuardConfig,
  parseGuardConfig
} from "./chunks/chunk-54UHFOXA.js";
import "./chunks/chunk-OKP2NLSY.js";
import "./chunks/chunk-MMKMK4QO.js";
import {
  createGuard
} from "./chunks/chunk-XCNG4JA4.js";
import "./chunks/chunk-B42Y4C5A.js";
import "./chunks/chunk-PVLKH3YO.js";
import "./chunks/chunk-Q23X6CGB.js";
import "./chunks/chunk-RUORUL4P.js";
import "./chunks/chunk-NRBBRAUI.js";
import "./chunks/chunk-OKPJKVYF.js";
import "./chunks/chunk-7GLTMPCF.js";
import "./chunks/chunk-7CQ3VBOM.js";
import {
  RULES,
  scan
} from "./chunks/chunk-CFOREP4U.js";
import "./chunks/chunk-INU3ZGQP.js";
import "./chunks/chunk-PTOY7E6B.js";
import "./chunks/chunk-7WMYWOMW.js";
import "./chunks/chunk-ZZFFYHML.js";
import "./chunks/chunk-ITGHFTAN.js";
import "./chunks/chunk-PSWTDCTJ.js";
import "./chunks/chunk-4X7LYCPC.js";
import "./chunks/chunk-WQ3BRZWN.js";
import "./chunks/chunk-5T5D3WER.js";
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
