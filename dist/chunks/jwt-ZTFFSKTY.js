import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  JwtOptionsError,
  createJwt
} from "./chunk-EMNCPHFK.js";
import "./chunk-PVLKH3YO.js";
import "./chunk-ICOGMFBZ.js";
import "./chunk-ZZFFYHML.js";
import "./chunk-WQ3BRZWN.js";
import "./chunk-NPU2CCGS.js";
import "./chunk-3FEQ3C2E.js";
export {
  JwtOptionsError,
  createJwt
};
