// The `mcp-guard` executable.
import { run } from './cli/main.ts';

// A closed pipe (`mcp-guard scan | head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

await run();
