// The floor of a stdio gateway that keeps the guard's durability rule, for the benchmarks: like
// passthrough.ts it spawns the command on its command line and copies messages both ways, but it also
// parses each message once (as any gateway that looks at what it passes must) and appends one log line
// per message to a file, written to the operating system (`writeSync`) before the message is passed on:
// a request's line before the backend sees it, a response's before the client does. The lines of one
// chunk share one write. No policy, no hash chain, no id rewriting: the least any gateway does that
// writes its record of a message before passing the message on.
// Usage: node bench/servers/durable-passthrough.ts <log file> <command> [args...]
import { spawn } from 'node:child_process';
import { closeSync, openSync, writeSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';

const [log, command, ...args] = process.argv.slice(2);
if (!log || !command) {
  process.stderr.write('usage: durable-passthrough.ts <log file> <command> [args...]\n');
  process.exit(2);
}
const fd = openSync(log, 'a', 0o600);
const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'inherit'] });

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
      records += `${JSON.stringify({ time: Date.now(), direction, method: message.method, id: message.id })}\n`;
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
