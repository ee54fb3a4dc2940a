import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);

// package.json
var package_default = {
  name: "mcp-guard",
  version: "0.1.0",
  description: "Find unsafe MCP client configs (scanner, GitHub Action) and guard MCP servers at runtime (auth, rate limits, spend caps, approvals, audit).",
  type: "module",
  license: "MIT",
  bin: {
    "mcp-guard": "dist/cli.js"
  },
  main: "dist/index.js",
  types: "dist/index.d.ts",
  exports: {
    ".": {
      types: "./dist/index.d.ts",
      default: "./dist/index.js"
    },
    "./package.json": "./package.json"
  },
  files: [
    "dist",
    "rules/*.md",
    "README.md",
    "LICENSE"
  ],
  engines: {
    node: "^22.13.0 || >=23.4.0"
  },
  keywords: [
    "mcp",
    "model-context-protocol",
    "security",
    "scanner",
    "gateway",
    "sarif"
  ],
  scripts: {
    build: "node scripts/build.ts",
    scan: "node dist/cli.js scan",
    typecheck: "tsc --noEmit -p tsconfig.json",
    lint: "biome check .",
    format: "biome check --write .",
    "test:unit": 'node --test --test-reporter=spec "src/**/*.test.ts" "rules/**/*.test.ts" "test/**/*.test.ts"',
    test: "npm run lint && npm run typecheck && npm run check-dist && npm run test:unit",
    "check-dist": "node scripts/check-dist.ts",
    "bench:scan": "node bench/scan.ts",
    bench: "node bench/index.ts",
    "bench:stdio": "node bench/stdio.ts",
    "bench:http": "node bench/http.ts",
    "bench:memory": "node bench/memory.ts",
    "bench:replicas": "node bench/replicas.ts",
    screenshots: "MCP_GUARD_SCREENSHOTS=docs/images/console node --test test/guard-console-browser.test.ts"
  },
  devDependencies: {
    "@actions/core": "^3.0.1",
    "@actions/github": "^9.1.1",
    "@biomejs/biome": "^2.6.8",
    "@modelcontextprotocol/client": "2.4.0",
    "@modelcontextprotocol/conformance": "0.1.16",
    "@modelcontextprotocol/inspector": "2.12.0",
    "@modelcontextprotocol/node": "2.1.2",
    "@modelcontextprotocol/sdk": "^1.32.2",
    "@modelcontextprotocol/server": "2.4.0",
    "@modelcontextprotocol/server-everything": "2026.8.31",
    "@modelcontextprotocol/server-filesystem": "2026.8.31",
    "@secretlint/core": "^12.0.0",
    "@secretlint/profiler": "12.0.0",
    "@secretlint/secretlint-rule-preset-recommend": "^12.0.0",
    "@types/damerau-levenshtein": "^1.0.2",
    "@types/node": "^24.19.2",
    "@types/oidc-provider": "^9.12.1",
    "@types/picomatch": "^4.0.3",
    "@types/shell-quote": "^1.7.5",
    ajv: "^8.20.0",
    "ajv-formats": "^3.0.1",
    autocannon: "9.0.0",
    chalk: "^5.6.2",
    commander: "^14.0.3",
    cookie: "^2.0.2",
    "damerau-levenshtein": "^1.0.8",
    diff: "^8.0.4",
    "dts-bundle-generator": "^9.5.1",
    esbuild: "^0.28.2",
    "eventsource-parser": "^3.1.1",
    "fast-check": "^4.10.2",
    "fast-glob": "^3.3.3",
    ioredis: "^6.1.0",
    "ipaddr.js": "^2.5.0",
    jose: "^6.2.18",
    "jsonc-parser": "^3.3.1",
    "mcp-proxy": "6.7.19",
    node: "^24.21.0",
    "oidc-provider": "^9.13.3",
    picomatch: "^4.0.7",
    "playwright-core": "^1.65.2",
    "prom-client": "^15.1.3",
    "shell-quote": "^1.12.0",
    supergateway: "4.0.0",
    "toml-eslint-parser": "^1.0.3",
    typescript: "~6.0.3",
    yaml: "^2.9.1",
    zod: "^4.6.7"
  },
  allowScripts: {
    esbuild: true,
    node: true
  }
};

// src/version.ts
var VERSION = package_default.version;
var PROJECT_URL = "https://github.com/mcp-guard/mcp-guard";

export {
  VERSION,
  PROJECT_URL
};
