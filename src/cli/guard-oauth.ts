// `mcp-guard guard oauth ...`: the administration of the guard's own authorization server
// (`auth.oauth.issuer: self`, docs/guard-oauth.md): `rotate-keys` makes a new signing key in the store;
// the previous one stays published until every token it signed has expired.
import type { Command } from 'commander';
import { loadGuardConfig } from '../config/guard.ts';
import { UsageError } from './errors.ts';
import { withStore } from './guard-store.ts';

/** Adds `guard oauth` and its subcommands. */
export function registerOAuthCommands(guard: Command): void {
  const oauth = guard
    .command('oauth')
    .description("The guard's own OAuth authorization server (auth.oauth.issuer: self)");
  oauth
    .command('rotate-keys')
    .description(
      'Make a new signing key (used from the next token on, by every guard on this store); the previous key stays published until its tokens expire',
    )
    .requiredOption('-c, --config <file>', 'guard config (its store holds the keys)')
    .action(async (opts: { config: string }) => {
      const config = await loadGuardConfig(opts.config);
      if (config.auth.mode !== 'oauth' || !config.auth.self)
        throw new UsageError(
          `${opts.config}: auth.oauth.issuer is not self; there are no keys of the guard's to rotate`,
        );
      const { self, algorithms, clockToleranceSec } = config.auth;
      // An access token signed just before the rotation lives this long; the key must verify it until then.
      const keepMs = (self.accessTokenTtlSec + clockToleranceSec) * 1000;
      const { rotateKeys } = await import('../guard/oauth/keys.ts');
      const r = await withStore({ config: opts.config }, (store) => rotateKeys(store, algorithms[0], keepMs));
      const lines = [`new signing key: ${r.current} (${algorithms[0]})`];
      for (const k of r.retiring)
        lines.push(`still published until ${new Date(k.retireAt).toISOString()}: ${k.kid}`);
      for (const kid of r.dropped) lines.push(`no longer published: ${kid}`);
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
