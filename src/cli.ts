#!/usr/bin/env node
// The `mcp-guard` executable. It checks the Node version first and only then loads the program:
// static imports are linked before any code runs, so the program (which may need `node:sqlite`) is
// imported dynamically, after the check, and an old Node gets one clear line instead of a stack.
import { nodeSupported, nodeTooOld } from './node-version.ts';

if (!nodeSupported(process.versions.node)) {
  process.stderr.write(nodeTooOld(process.versions.node, process.execPath));
  process.exit(2);
}

const { run } = await import('./cli/main.ts');

// A closed pipe (`mcp-guard scan | head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

await run();
