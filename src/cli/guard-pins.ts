// `mcp-guard guard pins list|diff|approve|reset`: the human side of tool pinning. Reads the same store
// the guard writes (found through `--config` or `--db`, as for `approvals`), shows which tools changed
// and how (a line diff of the pinned and the offered definition), and accepts or forgets pins.
import chalk from 'chalk';
import type { Command } from 'commander';
import { definitionLines, lineDiff } from '../guard/store/pin-diff.ts';
import type { PinTarget, ToolPin } from '../guard/store/types.ts';
import { UsageError } from './errors.ts';
import { type StoreOpts, storeOptions, withStore } from './guard-store.ts';

/** Parses `<server>/<tool>` (or just `<server>`); the tool part may itself contain slashes. */
export function parsePinTarget(text: string | undefined): PinTarget {
  if (text === undefined) return {};
  const slash = text.indexOf('/');
  const server = slash < 0 ? text : text.slice(0, slash);
  const tool = slash < 0 ? undefined : text.slice(slash + 1);
  if (server === '' || tool === '')
    throw new UsageError(`"${text}": expected <server>/<tool> (or <server> for all its tools)`);
  return tool === undefined ? { server } : { server, tool };
}

const short = (hash: string | undefined) => (hash ? hash.slice(0, 12) : '-');
const when = (ms: number | undefined) => (ms === undefined ? '' : new Date(ms).toISOString());

/** One line of `pins list`. */
export function formatPinLine(p: ToolPin): string {
  const status = { pinned: chalk.green, changed: chalk.red, new: chalk.yellow }[p.status](p.status.padEnd(7));
  const hashes = p.status === 'pinned' ? short(p.hash) : `${short(p.hash)} -> ${short(p.pendingHash)}`;
  const since =
    p.status === 'pinned'
      ? `pinned ${when(p.pinnedAt)}${p.approvedBy ? ` by ${p.approvedBy}` : ' (first use)'}`
      : `offered since ${when(p.changedAt)}`;
  return `${status} ${p.server}/${p.tool}  ${hashes}  ${since}`;
}

/** The `pins diff` text for one pin: a header and the line diff of pinned vs offered definition. */
export function formatPinDiff(p: ToolPin): string {
  const name = `${p.server}/${p.tool}`;
  if (p.status === 'pinned') return `${name}: pinned (${short(p.hash)}), no pending change\n`;
  const head = [
    `--- ${name} ${p.hash ? `pinned ${short(p.hash)}` : '(new tool: nothing pinned)'}`,
    `+++ ${name} offered ${short(p.pendingHash)} since ${when(p.changedAt)}`,
  ];
  const body = lineDiff(definitionLines(p.definition), definitionLines(p.pendingDefinition)).map((l) =>
    l.startsWith('+ ') ? chalk.green(l) : l.startsWith('- ') ? chalk.red(l) : l,
  );
  const hint = `approve with: mcp-guard guard pins approve ${name} --hash ${short(p.pendingHash)}`;
  return `${[...head, ...body, hint].join('\n')}\n`;
}

/** Adds `guard pins` and its subcommands to the `guard` command. */
export function registerPinsCommands(guard: Command): void {
  const pins = guard
    .command('pins')
    .description('Show, approve and reset tool pins (the rug-pull defence, policies.pinning)');

  storeOptions(
    pins
      .command('list')
      .description('List pinned tools with their status: pinned, changed or new')
      .argument('[target]', '<server>/<tool> or <server>'),
  ).action(async (target: string | undefined, opts: StoreOpts) => {
    const t = parsePinTarget(target);
    await withStore(opts, async (store) => {
      const list = await store.listPins(t);
      if (list.length === 0) process.stderr.write('No pins.\n');
      for (const p of list) process.stdout.write(`${formatPinLine(p)}\n`);
    });
  });

  storeOptions(
    pins
      .command('diff')
      .description('Show what changed: the pinned definition against the one the server offers now')
      .argument('[target]', '<server>/<tool> or <server> (default: every changed or new tool)'),
  ).action(async (target: string | undefined, opts: StoreOpts) => {
    const t = parsePinTarget(target);
    await withStore(opts, async (store) => {
      const list = (await store.listPins(t)).filter((p) => t.tool !== undefined || p.status !== 'pinned');
      if (list.length === 0) {
        if (t.tool !== undefined) throw new UsageError(`no pin for ${t.server}/${t.tool}`);
        process.stderr.write('No pending changes.\n');
      }
      process.stdout.write(list.map(formatPinDiff).join('\n'));
    });
  });

  storeOptions(
    pins
      .command('approve')
      .description(
        'Accept the version a server offers now (every pending tool of a server when no tool is given)',
      )
      .argument('<target>', '<server>/<tool> or <server>'),
  )
    .option('--hash <prefix>', 'refuse unless the pending version has this hash (as shown by diff)')
    .option('--by <who>', 'who approved (default: $USER)')
    .action(async (target: string, opts: StoreOpts & { hash?: string; by?: string }) => {
      const t = parsePinTarget(target);
      const by = opts.by ?? process.env.USER ?? process.env.USERNAME ?? 'cli';
      await withStore(opts, async (store) => {
        const names =
          t.tool !== undefined
            ? [t.tool]
            : (await store.listPins(t)).filter((p) => p.status !== 'pinned').map((p) => p.tool);
        if (names.length === 0) throw new UsageError(`nothing pending for ${t.server}`);
        for (const tool of names) {
          const p = await store.approvePin(t.server!, tool, by, Date.now(), opts.hash);
          process.stdout.write(`approved ${p.server}/${p.tool} ${short(p.hash)} by ${by}\n`);
        }
      });
    });

  storeOptions(
    pins
      .command('reset')
      .description('Forget pins: the next list pins a forgotten server again on first use')
      .argument('[target]', '<server>/<tool> or <server>'),
  )
    .option('--all', 'forget every pin of every server')
    .action(async (target: string | undefined, opts: StoreOpts & { all?: boolean }) => {
      if (target === undefined && !opts.all)
        throw new UsageError('give <server>/<tool> or <server> to reset, or --all to forget every pin');
      if (target !== undefined && opts.all) throw new UsageError('give a target or --all, not both');
      const t = parsePinTarget(target);
      await withStore(opts, async (store) => {
        const n = await store.resetPins(t);
        process.stdout.write(`forgot ${n} pin(s)${target ? ` of ${target}` : ''}\n`);
      });
    });
}
