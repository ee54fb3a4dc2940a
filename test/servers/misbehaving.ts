// A misbehaving backend for the guard's timeout and restart tests. MODE=silent: reads every line and
// records it in $MISBEHAVING_LOG (so a test sees `notifications/cancelled` arrive) but never answers.
// MODE=crash: exits with code 3 as soon as it starts, every time (a crash loop to test backoff).
import { appendFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

if (process.env.MODE === 'crash') {
  process.stderr.write('cannot start: missing configuration\n');
  process.exit(3);
}
const log = process.env.MISBEHAVING_LOG;
createInterface({ input: process.stdin }).on('line', (line) => {
  if (log) appendFileSync(log, `${line}\n`);
});
