import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);

// src/guard/http/prm.ts
var PRM_WELL_KNOWN = "/.well-known/oauth-protected-resource";
function protectedResourceMetadata(auth, resource) {
  const scopes = auth.scopesSupported.length > 0 ? auth.scopesSupported : [.../* @__PURE__ */ new Set([...auth.scopes, ...Object.values(auth.toolScopes).flat()])];
  return {
    resource,
    // The guard's own issuer is its canonical URL's origin; its metadata is served there.
    authorization_servers: auth.self ? [issuerFor(resource)] : [...auth.issuers],
    scopes_supported: scopes,
    bearer_methods_supported: ["header"],
    resource_name: "mcp-guard"
  };
}
function prmPaths(mcpPath) {
  const path = `/${mcpPath.replace(/^\/+|\/+$/g, "")}`;
  return path === "/" ? [PRM_WELL_KNOWN] : [PRM_WELL_KNOWN, `${PRM_WELL_KNOWN}${path}`];
}
function resourceMetadataUrl(publicUrl) {
  const url = new URL(publicUrl);
  const path = url.pathname.replace(/\/+$/, "");
  return `${url.origin}${PRM_WELL_KNOWN}${path}`;
}
function canonicalResource(http, mcpPath = "/mcp") {
  if (http.publicUrl) return http.publicUrl;
  const host = http.host.includes(":") && !http.host.startsWith("[") ? `[${http.host}]` : http.host;
  return `http://${host}:${http.port}${mcpPath}`;
}
function issuerFor(resource) {
  return new URL(resource).origin;
}

export {
  PRM_WELL_KNOWN,
  protectedResourceMetadata,
  prmPaths,
  resourceMetadataUrl,
  canonicalResource,
  issuerFor
};
