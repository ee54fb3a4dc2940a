import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  PRM_WELL_KNOWN,
  canonicalResource,
  issuerFor,
  prmPaths,
  protectedResourceMetadata,
  resourceMetadataUrl
} from "./chunk-YY4NUHN7.js";
import "./chunk-3FEQ3C2E.js";
export {
  PRM_WELL_KNOWN,
  canonicalResource,
  issuerFor,
  prmPaths,
  protectedResourceMetadata,
  resourceMetadataUrl
};
