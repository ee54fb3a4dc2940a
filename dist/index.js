import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  RULES,
  scan
} from "./chunks/chunk-MQUGKWW3.js";
export {
  RULES,
  scan
};
