import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  describeStore,
  openStore
} from "./chunk-TU4FYB7A.js";
import "./chunk-QW46R6U7.js";
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
