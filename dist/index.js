import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  JwtOptionsError,
  createJwt
} from "./chunks/chunk-FWMHMAOR.js";
import {
  createGuard
} from "./chunks/chunk-RKF4IPEZ.js";
import "./chunks/chunk-6PXYHE46.js";
import "./chunks/chunk-J4VTTNKJ.js";
import "./chunks/chunk-7CQ3VBOM.js";
import "./chunks/chunk-U4W7KDUM.js";
import "./chunks/chunk-75BSUSJ7.js";
import {
  GuardStartError,
  startGuard
} from "./chunks/chunk-BADC7M7X.js";
import "./chunks/chunk-VWPGPIYQ.js";
import "./chunks/chunk-CGKOU7XJ.js";
import "./chunks/chunk-CYAG4VY5.js";
import "./chunks/chunk-GVOOQYRM.js";
import "./chunks/chunk-2TU7KOET.js";
import "./chunks/chunk-JW5THHOE.js";
import "./chunks/chunk-RDICAMBL.js";
import "./chunks/chunk-Q23X6CGB.js";
import "./chunks/chunk-RUORUL4P.js";
import {
  RULES,
  scan
} from "./chunks/chunk-56O4S47C.js";
import {
  loadGuardConfig,
  parseGuardConfig
} from "./chunks/chunk-GCOHDLV4.js";
import "./chunks/chunk-ZQGXCRLX.js";
import {
  GuardConfigError
} from "./chunks/chunk-A257UFCZ.js";
import "./chunks/chunk-KMSCNTC6.js";
import "./chunks/chunk-4X7LYCPC.js";
import "./chunks/chunk-ESICICS6.js";
import "./chunks/chunk-UAZV4FOR.js";
import "./chunks/chunk-UO5BAW25.js";
import "./chunks/chunk-R4QOK6IO.js";
import "./chunks/chunk-KVJWATDP.js";
import "./chunks/chunk-YJ42EYLH.js";
import "./chunks/chunk-QP2JOC3K.js";
import "./chunks/chunk-QW46R6U7.js";
import "./chunks/chunk-2A7OQJ75.js";
import "./chunks/chunk-3FEQ3C2E.js";

// src/index.ts
function scan2(options = {}) {
  return scan({ ...options, rules: options.rules ?? RULES });
}
export {
  GuardConfigError,
  GuardStartError,
  JwtOptionsError,
  RULES,
  createGuard,
  createJwt,
  loadGuardConfig,
  parseGuardConfig,
  scan2 as scan,
  startGuard
};
