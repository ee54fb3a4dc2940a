// The oldest Node.js mcp-guard runs on, and the check the executable makes before it loads anything
// else. Kept free of imports and of newer syntax, so that an old Node can still run it and say so.

/**
 * The floor: `node:sqlite` without a flag (the guard's store) came in 22.13 and 23.4. Everything else
 * the bundles use is older. `engines` in package.json and the README state the same range.
 */
export const NODE_FLOOR = { major: 22, minor: 13, text: '22.13' } as const;

/** True when `version` (`process.versions.node`, e.g. `22.12.0`) is new enough. */
export function nodeSupported(version: string): boolean {
  const [major, minor] = version.split('.').map(Number);
  if (major === 23) return minor >= 4;
  return major > NODE_FLOOR.major || (major === NODE_FLOOR.major && minor >= NODE_FLOOR.minor);
}

/** The one-line refusal printed on an older Node. */
export function nodeTooOld(version: string, execPath: string): string {
  return `mcp-guard: needs Node.js ${NODE_FLOOR.text} or later (this is Node.js ${version}, ${execPath}); install a current LTS from https://nodejs.org\n`;
}
