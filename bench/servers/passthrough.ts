// A bare pass-through process for the benchmarks: spawns the command given on its command line and
// copies bytes both ways (our stdin to the child's stdin, the child's stdout to our stdout) without
// looking at them. It is the floor of one extra process hop, which any stdio gateway pays.
// Usage: node bench/servers/passthrough.ts <command> [args...]
import { spawn } from 'node:child_process';

const [command, ...args] = process.argv.slice(2);
if (!command) {
  process.stderr.write('usage: passthrough.ts <command> [args...]\n');
  process.exit(2);
}
const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'inherit'] });
process.stdin.pipe(child.stdin);
child.stdout.pipe(process.stdout);
// stdin's end is carried to the child by pipe(); we leave when the child does.
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
child.on('error', (err) => {
  process.stderr.write(`passthrough: ${err.message}\n`);
  process.exit(1);
});
process.on('SIGTERM', () => child.kill('SIGTERM'));
