// `mcp-guard guard ...`: the guard's admin commands (check, approvals, audit, token, oauth); `serve` lives in
// guard-serve.ts. The store and audit modules are imported lazily so the scanner never loads node:sqlite.
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { type GuardConfig, GuardConfigError, loadGuardConfig } from '../config/guard.ts';
import { lintGuardFile, problemsIn } from '../config/guard-lint.ts';
import type { Approval } from '../guard/store/types.ts';
import { EXIT, UsageError } from './errors.ts';
import { registerAuditCommands } from './guard-audit.ts';
import { describeGuardConfig } from './guard-describe.ts';
import { registerOAuthCommands } from './guard-oauth.ts';
import { registerPinsCommands } from './guard-pins.ts';
import { defineServeCommand, registerServeCommand } from './guard-serve.ts';
import { defineServeHttpCommand, registerServeHttpCommand } from './guard-serve-http.ts';
import { storeOptions, withStore } from './guard-store.ts';
import { registerWrapCommand } from './guard-wrap.ts';

/** Parses `30s`, `15m`, `1h`, `7d` (or plain seconds) into seconds. */
export function parseDuration(text: string): number {
  const m = /^(\d+)\s*(s|m|h|d)?$/.exec(text.trim());
  if (!m || Number(m[1]) === 0) throw new UsageError(`invalid duration "${text}"; use e.g. 30m, 1h, 7d`);
  return Number(m[1]) * { s: 1, m: 60, h: 3600, d: 86400 }[(m[2] ?? 's') as 's' | 'm' | 'h' | 'd'];
}

/**
 * The original mcp-guard's top-level commands (`mcp-guard serve --config F`, `serve-http`, `approvals`),
 * accepted as they were written for it: each is the `guard` command of the same name.
 */
export function registerOriginalAliases(program: Command): void {
  const alias = (name: string) => `Alias of \`mcp-guard guard ${name}\` (the original mcp-guard's command)`;
  defineServeCommand(program.command('serve').description(alias('serve')));
  defineServeHttpCommand(program.command('serve-http').description(alias('serve-http')));
  defineApprovalsCommands(program.command('approvals').description(alias('approvals')));
}

/** Adds the `guard` command and its subcommands. */
export function registerGuardCommands(program: Command): void {
  const guard = program.command('guard').description('Run and administer the runtime MCP gateway');
  registerServeCommand(guard);
  registerServeHttpCommand(guard);
  registerPinsCommands(guard);
  registerWrapCommand(guard);
  registerOAuthCommands(guard);

  guard
    .command('check')
    .description(
      'Validate a guard config (every problem, each with its line) and print the effective policy (secrets are never printed)',
    )
    .requiredOption('-c, --config <file>', 'guard config (mcp-guard.yaml)')
    .addHelpText(
      'after',
      `
Every problem is listed, each at its line: those of the file itself, with the messages \`mcp-guard scan\`
gives (MG213), and each \${VAR} this environment leaves unset. A clean file is then loaded exactly as
\`guard serve\` would load it here.`,
    )
    .action(async (opts: { config: string }) => {
      const lint = await lintGuardFile(opts.config);
      const problems = problemsIn(lint, process.env);
      if (problems.length > 0) {
        for (const p of problems)
          process.stderr.write(
            `mcp-guard: ${new GuardConfigError(lint.file, p.line, p.column, p.key, p.message).message}\n`,
          );
        process.stderr.write(
          `mcp-guard: ${problems.length} problem(s); guard serve would refuse to start with this config here.\n`,
        );
        process.exitCode = EXIT.usage;
        return;
      }
      // Sound here: load it exactly as `guard serve` does, with this environment's values.
      const config = await loadGuardConfig(opts.config);
      process.stdout.write(describeGuardConfig(config));
      const note = await spendToolCheck(config);
      if (note) process.stderr.write(`${note}\n`);
    });

  defineApprovalsCommands(guard.command('approvals').description('List and decide calls held for approval'));

  const consoleCmd = guard
    .command('console')
    .description('The browser console of serve-http (docs/guard-console.md)');
  consoleCmd
    .command('hash-password')
    .description(
      'Read a password on standard input and print its scrypt hash for console.users[].password_hash',
    )
    .action(async () => {
      const { hashPassword } = await import('../guard/web/passwords.ts');
      let password: string;
      if (process.stdin.isTTY) {
        // At a terminal: typed twice, never shown. (Piped in, e.g. from a secret manager, it is read as is.)
        const { readHiddenLine } = await import('./hidden-input.ts');
        password = await readHiddenLine('Password (not shown): ');
        if (password !== '' && (await readHiddenLine('Again: ')) !== password)
          throw new UsageError('the two passwords differ; nothing was printed');
      } else {
        const chunks: Buffer[] = [];
        for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
        // The trailing newline of `echo` or a file is not part of the password.
        password = Buffer.concat(chunks)
          .toString('utf8')
          .replace(/\r?\n$/, '');
      }
      if (password === '') throw new UsageError('no password on standard input');
      if (password.length < 8) throw new UsageError('use a password of at least 8 characters');
      process.stdout.write(`${await hashPassword(password)}\n`);
    });

  registerAuditCommands(guard);

  guard
    .command('token')
    .description('Mint an HS256 JWT for an agent (for auth.mode jwt with a shared secret)')
    .requiredOption(
      '--secret-env <var>',
      'environment variable holding the secret (never pass it as an argument)',
    )
    .requiredOption('--agent <id>', 'the agent id (the sub claim)')
    .option('--ttl <duration>', 'lifetime: 30m, 1h, 7d', '1h')
    .option('--issuer <iss>', 'iss claim')
    .option('--audience <aud>', 'aud claim')
    .option('--alg <alg>', 'HS256, HS384 or HS512', 'HS256')
    .action(
      async (opts: {
        secretEnv: string;
        agent: string;
        ttl: string;
        issuer?: string;
        audience?: string;
        alg: string;
      }) => {
        const secret = process.env[opts.secretEnv];
        if (secret === undefined || secret === '')
          throw new UsageError(`--secret-env: ${opts.secretEnv} is not set`);
        if (!/^HS(256|384|512)$/.test(opts.alg))
          throw new UsageError('--alg: expected HS256, HS384 or HS512');
        const { createJwt, JwtOptionsError } = await import('../guard/jwt.ts');
        try {
          const token = await createJwt({
            secret,
            agentId: opts.agent,
            ttlSeconds: parseDuration(opts.ttl),
            issuer: opts.issuer,
            audience: opts.audience,
            algorithm: opts.alg as 'HS256',
          });
          process.stdout.write(`${token}\n`);
        } catch (error) {
          if (error instanceof JwtOptionsError)
            throw new UsageError(error.message.replace(/^secret: /, `--secret-env: ${opts.secretEnv}: `));
          throw error;
        }
      },
    );
}

/** The `approvals` subcommands (list, show, approve, deny), under `guard` and as the top-level alias. */
export function defineApprovalsCommands(approvals: Command): Command {
  storeOptions(approvals.command('list').description('List approvals (newest first)'))
    .option('--status <status>', 'only pending, approved, denied, consumed, expired or withdrawn')
    .action(async (opts: { config?: string; db?: string; status?: string }) => {
      const statuses = ['pending', 'approved', 'denied', 'consumed', 'expired', 'withdrawn'];
      if (opts.status && !statuses.includes(opts.status))
        throw new UsageError(`--status: expected one of ${statuses.join(', ')}`);
      const { formatApprovalLine } = await import('./guard-describe.ts');
      await withStore(opts, async (store) => {
        const list = await store.listApprovals(opts.status as never);
        if (list.length === 0) process.stderr.write('No approvals.\n');
        for (const a of list) process.stdout.write(`${formatApprovalLine(a)}\n`);
      });
    });
  storeOptions(
    approvals
      .command('show')
      .description('Show one approval')
      .argument('<id>', 'approval id or a unique prefix'),
  ).action(async (id: string, opts: { config?: string; db?: string }) => {
    await withStore(opts, async (store) => {
      const full = await store.resolveApprovalId(id);
      const [a] = (await store.listApprovals()).filter((x) => x.id === full);
      process.stdout.write(`${JSON.stringify(a, null, 2)}\n`);
    });
  });
  for (const [name, decision] of [
    ['approve', 'approved'],
    ['deny', 'denied'],
  ] as const) {
    storeOptions(
      approvals
        .command(name)
        .description(`${name === 'approve' ? 'Approve' : 'Deny'} a pending call`)
        .argument('<id>', 'approval id or a unique prefix'),
    )
      .option('--by <who>', 'who decided (default: $USER)')
      .option('--reason <text>', 'why (shown to the client when denied)')
      .action(async (id: string, opts: { config?: string; db?: string; by?: string; reason?: string }) => {
        // With --config the decision is made as the console makes it: in the store, in the audit log
        // with who made it, and told to the webhooks (--db alone has no config: the store only).
        await withStore(
          opts,
          async (store, { config, audit }) => {
            const full = await store.resolveApprovalId(id);
            const by = opts.by ?? process.env.USER ?? process.env.USERNAME ?? 'cli';
            let a: Approval;
            if (config) {
              const { ApprovalDesk } = await import('../guard/approvals/desk.ts');
              const desk = new ApprovalDesk({ store, config, audit });
              try {
                a = await desk.decide(full, decision, by, opts.reason);
                await desk.notifier.idle();
              } finally {
                desk.close();
              }
            } else a = await store.decideApproval(full, decision, by, opts.reason, Date.now());
            process.stdout.write(`${a.id} ${a.status} by ${by}: ${a.agent} ${a.tool} ${a.summary}\n`);
          },
          true,
        );
      });
  }
  return approvals;
}

/**
 * Whether the spend caps and approval threshold of `config` can apply: the backends' tools as the
 * guard last saw them (its tool pins, recorded on every `tools/list`) must include a spend tool. Read
 * from the store only when it exists: `check` never creates one.
 */
async function spendToolCheck(config: GuardConfig): Promise<string | undefined> {
  const { spendControls, unusedSpendWarning } = await import('../guard/policies/spend/index.ts');
  if (spendControls(config.policies).length === 0) return undefined;
  const unseen =
    "note: the backends' tools are not known yet (the guard records them in its store on the first tools/list); " +
    'run check again after a session to learn whether a spend tool exists for the caps and approvals to act on';
  if (config.store.type === 'sqlite' && !existsSync(config.store.path)) return unseen;
  const { openStore, StoreUnavailableError } = await import('../guard/store/index.ts');
  let store: Awaited<ReturnType<typeof openStore>>;
  try {
    store = await openStore(config.store);
  } catch (error) {
    // An unreachable Redis does not make the config wrong: say what could not be learned.
    if (error instanceof StoreUnavailableError)
      return `note: ${error.message}; the backends' tools are not known`;
    throw error;
  }
  try {
    const pins = await store.listPins();
    if (pins.length === 0) return unseen;
    const warning = unusedSpendWarning(config.policies, [...new Set(pins.map((p) => p.tool))]);
    return warning && `warning: ${warning}`;
  } finally {
    await store.close();
  }
}
