import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  describeStore,
  openStore
} from "./chunk-VEEX5H4Y.js";
import "./chunk-NPU2CCGS.js";
import {
  StoreError,
  StoreUnavailableError
} from "./chunk-2A7OQJ75.js";
import "./chunk-3FEQ3C2E.js";
export {
  StoreError,
  StoreUnavailableError,
  describeStore,
  openStore
};
