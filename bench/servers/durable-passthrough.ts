// The floor of a stdio gateway that keeps the guard's durability rule, for the benchmarks: like
// passthrough.ts it spawns the command on its command line and copies messages both ways, but it also
// parses each message once (as any gateway that looks at what it passes must) and appends one log line
// per message to a file, chained by SHA-256 to the line before it (each line carries the previous
// line's hash and its own, as the guard's audit records do) and written to the operating system
// (`writeSync`) before the message is passed on: a request's line before the backend sees it, a
// response's before the client does. The lines of one chunk share one write. No policy, no id
// rewriting: the least any gateway does that keeps a tamper-evident record of each message, written
// before the message is passed on.
// Usage: node bench/servers/durable-passthrough.ts <log file> <command> [args...]
import { spawn } from 'node:child_process';
import { hash } from 'node:crypto';
import { closeSync, openSync, writeSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';

const [log, command, ...args] = process.argv.slice(2);
if (!log || !command) {
  process.stderr.write('usage: durable-passthrough.ts <log file> <command> [args...]\n');
  process.exit(2);
}
const fd = openSync(log, 'a', 0o600);
const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'inherit'] });
/** The hash of the last line written (64 zeros before the first). */
let prev = '0'.repeat(64);

/** Copies whole lines from `from` to `to`, each logged (one write per chunk) before it is passed on. */
function relay(from: Readable, to: Writable, direction: 'in' | 'out'): void {
  let rest = '';
  from.setEncoding('utf8');
  from.on('data', (chunk: string) => {
    const text = rest + chunk;
    const end = text.lastIndexOf('\n');
    if (end < 0) {
      rest = text;
      return;
    }
    rest = text.slice(end + 1);
    const whole = text.slice(0, end + 1);
    let records = '';
    let start = 0;
    while (start < whole.length) {
      const nl = whole.indexOf('\n', start);
      const message = JSON.parse(whole.slice(start, nl)) as { id?: unknown; method?: unknown };
      const body = JSON.stringify({
        direction,
        id: message.id,
        method: message.method,
        prev,
        time: Date.now(),
      });
      prev = hash('sha256', body);
      records += `${body.slice(0, -1)},"hash":"${prev}"}\n`;
      start = nl + 1;
    }
    writeSync(fd, records);
    to.write(whole);
  });
  from.on('end', () => to.end());
}

relay(process.stdin, child.stdin, 'in');
relay(child.stdout, process.stdout, 'out');
child.on('exit', (code, signal) => {
  closeSync(fd);
  process.exit(code ?? (signal ? 1 : 0));
});
child.on('error', (err) => {
  process.stderr.write(`durable-passthrough: ${err.message}\n`);
  process.exit(1);
});
process.on('SIGTERM', () => child.kill('SIGTERM'));
