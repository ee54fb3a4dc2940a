import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  backendOptions,
  createGuard
} from "./chunk-RKF4IPEZ.js";
import "./chunk-6PXYHE46.js";
import "./chunk-J4VTTNKJ.js";
import "./chunk-7CQ3VBOM.js";
import "./chunk-U4W7KDUM.js";
import "./chunk-75BSUSJ7.js";
import "./chunk-VWPGPIYQ.js";
import "./chunk-CYAG4VY5.js";
import "./chunk-GVOOQYRM.js";
import "./chunk-2TU7KOET.js";
import "./chunk-JW5THHOE.js";
import "./chunk-RDICAMBL.js";
import "./chunk-Q23X6CGB.js";
import "./chunk-RUORUL4P.js";
import "./chunk-KMSCNTC6.js";
import "./chunk-4X7LYCPC.js";
import "./chunk-UO5BAW25.js";
import "./chunk-R4QOK6IO.js";
import "./chunk-KVJWATDP.js";
import "./chunk-YJ42EYLH.js";
import "./chunk-2A7OQJ75.js";
import "./chunk-3FEQ3C2E.js";
export {
  backendOptions,
  createGuard
};
