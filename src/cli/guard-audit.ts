// `mcp-guard guard audit ...`: verify the hash chain of one or more audit files (one per guard
// process or replica), print their last records merged by time, and repair a torn last line. The
// audit modules are imported lazily, like the store's.
import type { Command } from 'commander';
import type { AuditRecord } from '../guard/audit/record.ts';
import { UsageError } from './errors.ts';

/** Reads a file for a command, turning a read error into a usage error that names it. */
async function readText(file: string): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  return readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read ${file}: ${error.code ?? error.message}`);
  });
}

/** Adds `audit verify`, `audit tail` and `audit repair` under `guard`. */
export function registerAuditCommands(guard: Command): void {
  const audit = guard.command('audit').description("Check, read and repair the guard's audit log");
  audit
    .command('verify')
    .description(
      'Check the hash chain of each file; exit 1 and name the first broken record when one was tampered with',
    )
    .argument('<files...>', 'audit logs (JSONL), e.g. every audit*.jsonl of several guard processes')
    .action(async (files: string[]) => {
      const { verifyAuditLog } = await import('../guard/audit/verify.ts');
      let broken = false;
      for (const file of files) {
        // Streamed: a log of any size is checked without holding it in memory.
        const result = await verifyAuditLog(file).catch((error: NodeJS.ErrnoException) => {
          throw new UsageError(`cannot read ${file}: ${error.code ?? error.message}`);
        });
        // The file last, so the line reads as it did for one file before (scripts match its start).
        if (result.ok) process.stdout.write(`ok: ${result.records} record(s), chain intact: ${file}\n`);
        else {
          broken = true;
          const b = result.firstBroken!;
          process.stdout.write(
            `BROKEN at ${file}:${b.line}${b.seq !== undefined ? ` (seq ${b.seq})` : ''}: ${b.reason}; ${result.records} record(s) before it are intact\n`,
          );
        }
        if (result.unknown)
          process.stdout.write(
            `  ${result.unknown} call(s) forwarded before the guard stopped: outcome unknown (the backend may have run them)\n`,
          );
        for (const u of result.unfinished ?? [])
          process.stdout.write(
            `  forwarded, no outcome recorded (in flight, or its guard stopped): ${file}:${u.line} (seq ${u.seq})${u.tool ? ` ${u.tool}` : ''}${u.id !== undefined ? ` id ${JSON.stringify(u.id)}` : ''}\n`,
          );
      }
      if (broken) process.exitCode = 1;
    });
  audit
    .command('tail')
    .description('Print the last records readably; several files are merged by time')
    .argument('<files...>', 'audit logs (JSONL)')
    .option('-n, --lines <n>', 'how many records', '20')
    .action(async (files: string[], opts: { lines: string }) => {
      const n = Number(opts.lines);
      if (!Number.isInteger(n) || n < 1) throw new UsageError('-n: expected a positive integer');
      const { formatAuditLine } = await import('./guard-describe.ts');
      const lines: { time: string; file: number; line: string; record?: AuditRecord }[] = [];
      for (const [i, file] of files.entries()) {
        // Each file's last n are enough: the merged last n are among them.
        for (const line of (await readText(file)).split('\n').filter(Boolean).slice(-n)) {
          let record: AuditRecord | undefined;
          try {
            record = JSON.parse(line);
          } catch {
            record = undefined;
          }
          lines.push({ time: typeof record?.time === 'string' ? record.time : '', file: i, line, record });
        }
      }
      // By time, then file order, then the order in the file (the sort is stable).
      lines.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : a.file - b.file));
      const shown = lines.slice(-n);
      const finished = new Set(
        shown.filter((l) => l.record?.call && l.record.decision !== 'forward').map((l) => l.record!.call),
      );
      for (const l of shown) {
        const open = l.record?.decision === 'forward' && !finished.has(l.record.call);
        process.stdout.write(`${formatAuditLine(l.line)}${open ? ' [no outcome recorded]' : ''}\n`);
      }
    });
  audit
    .command('repair')
    .description('Set a torn last line aside (an interrupted write) and record the repair in the chain')
    .argument('<file>', 'audit log (JSONL)')
    .action(async (file: string) => {
      await readText(file);
      const { repairAuditLog } = await import('../guard/audit/repair.ts');
      const result = await repairAuditLog(file).catch((error: Error) => {
        throw new UsageError(error.message);
      });
      process.stdout.write(
        `repaired ${file}: ${result.bytes} torn byte(s) set aside in ${result.aside}; the repair is record seq ${result.seq}\n`,
      );
    });
}
