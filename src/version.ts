// The package's identity, inlined at build time from package.json.
import pkg from '../package.json' with { type: 'json' };

/** mcp-guard's version. */
export const VERSION: string = pkg.version;

/** Where the project lives: SARIF's `informationUri`, and the base of every rule's documentation URL. */
export const PROJECT_URL = 'https://github.com/mcp-guard/mcp-guard';
