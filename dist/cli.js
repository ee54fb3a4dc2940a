#!/usr/bin/env node
import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import "./chunks/chunk-3FEQ3C2E.js";

// src/node-version.ts
var NODE_FLOOR = { major: 22, minor: 13, text: "22.13" };
function nodeSupported(version) {
  const [major, minor] = version.split(".").map(Number);
  if (major === 23) return minor >= 4;
  return major > NODE_FLOOR.major || major === NODE_FLOOR.major && minor >= NODE_FLOOR.minor;
}
function nodeTooOld(version, execPath) {
  return `mcp-guard: needs Node.js ${NODE_FLOOR.text} or later (this is Node.js ${version}, ${execPath}); install a current LTS from https://nodejs.org
`;
}

// src/cli.ts
if (!nodeSupported(process.versions.node)) {
  process.stderr.write(nodeTooOld(process.versions.node, process.execPath));
  process.exit(2);
}
var { run } = await import("./chunks/main-O54375W7.js");
process.stdout.on("error", (error) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});
await run();
