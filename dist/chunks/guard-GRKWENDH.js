import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  createGuard
} from "./chunk-IIBOT4LK.js";
import "./chunk-OWEDPNTV.js";
import "./chunk-OKPJKVYF.js";
import "./chunk-3W7GSI3Y.js";
import "./chunk-5T5D3WER.js";
import "./chunk-76OGET5N.js";
import "./chunk-WTVZNNX5.js";
import "./chunk-GAABQU7R.js";
import "./chunk-PSWTDCTJ.js";
import "./chunk-4X7LYCPC.js";
import "./chunk-Z3H2VSPE.js";
import "./chunk-3FEQ3C2E.js";
export {
  createGuard
};
