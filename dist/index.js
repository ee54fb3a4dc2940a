import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  createGuard
} from "./chunks/chunk-IIBOT4LK.js";
import "./chunks/chunk-OWEDPNTV.js";
import "./chunks/chunk-OKPJKVYF.js";
import "./chunks/chunk-3W7GSI3Y.js";
import "./chunks/chunk-5T5D3WER.js";
import "./chunks/chunk-76OGET5N.js";
import {
  loadGuardConfig
} from "./chunks/chunk-R5ZQLIOB.js";
import "./chunks/chunk-WTVZNNX5.js";
import {
  RULES,
  scan
} from "./chunks/chunk-42QNPXBR.js";
import "./chunks/chunk-ABFARL5O.js";
import "./chunks/chunk-GAABQU7R.js";
import "./chunks/chunk-PSWTDCTJ.js";
import "./chunks/chunk-4X7LYCPC.js";
import "./chunks/chunk-JHVHAKCZ.js";
import "./chunks/chunk-XSOO4F43.js";
import "./chunks/chunk-WQ3BRZWN.js";
import "./chunks/chunk-Z3H2VSPE.js";
import "./chunks/chunk-3FEQ3C2E.js";
export {
  RULES,
  createGuard,
  loadGuardConfig,
  scan
};
