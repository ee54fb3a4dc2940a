// Bundles the program into dist/ with esbuild, and the library's type declarations into one
// dist/index.d.ts. `node scripts/build.ts [outdir]`; check-dist builds into a temporary folder with the
// same options and compares every file, so the two can never drift.
import { chmod, cp, rm, writeFile } from 'node:fs/promises';
import { generateDtsBundle } from 'dts-bundle-generator';
import { build } from 'esbuild';

/** Entry points: the CLI (the `mcp-guard` bin), the library, and the GitHub Action. */
export const entryPoints: Record<string, string> = {
  cli: 'src/cli.ts',
  index: 'src/index.ts',
  action: 'src/action/index.ts',
};

/** Builds every entry into `outdir`; deterministic for the same sources and lockfile. */
export async function buildAll(outdir: string): Promise<void> {
  // Start clean: chunk names carry content hashes, so old chunks would linger.
  await rm(outdir, { recursive: true, force: true });
  await build({
    entryPoints,
    outdir,
    bundle: true,
    platform: 'node',
    // Prefer ESM builds: jsonc-parser's UMD build require()s files by computed paths esbuild cannot see.
    mainFields: ['module', 'main'],
    format: 'esm',
    target: 'node22',
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    legalComments: 'none',
    logLevel: 'warning',
    // Bundled CommonJS dependencies call require(); give them one in ESM output. (esbuild keeps
    // src/cli.ts's `#!/usr/bin/env node` as the first line of cli.js, above this banner.)
    banner: {
      js: "import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);",
    },
  });
  await chmod(`${outdir}/cli.js`, 0o755);
  // The console's stylesheet and script are served as files (no inline code under its CSP).
  await cp('src/guard/console/assets', `${outdir}/console-assets`, { recursive: true });
  await writeFile(`${outdir}/index.d.ts`, declarations());
}

/**
 * The library's declarations in one self-contained file: every type the API names is inlined, so a
 * consumer needs no other package (the bundles carry their dependencies; their types must too).
 */
function declarations(): string {
  const [text] = generateDtsBundle([{ filePath: 'src/index.ts', output: { noBanner: true } }], {
    preferredConfigPath: 'tsconfig.build.json',
  });
  return text;
}

if (import.meta.main) {
  await buildAll(process.argv[2] ?? 'dist');
}
