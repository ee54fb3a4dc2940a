// `mcp-guard rules [CODE]`: the rule catalogue, or one rule's doc page.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { RULES } from '../../rules/index.ts';
import { UsageError } from './errors.ts';

/** Finds `rules/<name>.md` by walking up from this module (works from src/, dist/ and an installed package). */
export function ruleDocPath(name: string): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'rules', `${name}.md`);
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  return undefined;
}

/** Adds the `rules` command. */
export function registerRulesCommand(program: Command): void {
  program
    .command('rules')
    .description("List the scanner's rules, or print one rule's documentation")
    .argument('[rule]', 'a rule code (MG301) or name (hardcoded-secret)')
    .addHelpText(
      'after',
      '\nExamples:\n  $ mcp-guard rules\n  $ mcp-guard rules MG301\n  $ mcp-guard rules hardcoded-secret',
    )
    .action((id?: string) => {
      if (!id) {
        for (const r of RULES) {
          process.stdout.write(`${r.code}  ${r.name.padEnd(26)} ${r.severity.padEnd(8)} ${r.summary}\n`);
        }
        return;
      }
      const rule = RULES.find((r) => r.code === id.toUpperCase() || r.name === id.toLowerCase());
      if (!rule) throw new UsageError(`unknown rule "${id}"; run \`mcp-guard rules\` for the list`);
      const doc = ruleDocPath(rule.name);
      process.stdout.write(
        doc
          ? readFileSync(doc, 'utf8')
          : `# ${rule.code} ${rule.name}\n\n${rule.description}\n\n${rule.help}\n`,
      );
    });
}
