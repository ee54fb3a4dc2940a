// A backend for the guard's lifecycle tests: it starts a grandchild (a helper left in the backend's
// process group, as servers that run helpers do), writes both pids as JSON to $PIDS_FILE, and then
// either exits when its stdin ends (the polite default) or, with STUBBORN=1, ignores SIGTERM and the
// end of stdin so that only SIGKILL ends it. It speaks no MCP: only the lifecycle is tested with it.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';

const stubborn = process.env.STUBBORN === '1';
const grandchild = spawn(
  process.execPath,
  ['-e', `${stubborn ? "process.on('SIGTERM', () => {});" : ''} setInterval(() => {}, 1000);`],
  { stdio: 'ignore' },
);
if (stubborn) process.on('SIGTERM', () => process.stderr.write('SIGTERM ignored\n'));
// Keeps the process alive whatever happens to stdin.
setInterval(() => {}, 1000);
process.stdin.resume();
process.stdin.on('end', () => {
  process.stderr.write('stdin ended\n');
  // The polite backend leaves without waiting for its helper: the guard must clean that up.
  if (!stubborn) process.exit(0);
});
grandchild.once('spawn', () => {
  writeFileSync(process.env.PIDS_FILE!, JSON.stringify({ backend: process.pid, grandchild: grandchild.pid }));
});
