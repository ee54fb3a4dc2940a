// MG502: invisible characters and look-alike letters in server names, commands, arguments and URLs,
// with the code points shown escaped; text in other scripts on its own, emoji and scripts that need a
// zero-width non-joiner give none.
import { RuleTester } from '../src/scan/rule-tester.ts';
import hiddenText from './hidden-text.ts';

const file = '.cursor/mcp.json';
const config = (servers: Record<string, unknown>) => JSON.stringify({ mcpServers: servers });

new RuleTester().run(hiddenText, {
  valid: [
    {
      file,
      code: config({
        fs: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem@2026.8.31'] },
      }),
    },
    {
      name: 'a Russian folder, an accented word, a Japanese title',
      file,
      code: config({
        fs: {
          command: 'fs-mcp',
          args: [
            '/home/u/\u0414\u043e\u043a\u0443\u043c\u0435\u043d\u0442\u044b',
            'caf\u00e9',
            'MCP\u30b5\u30fc\u30d0\u30fc',
          ],
        },
      }),
    },
    {
      name: 'a zero-width joiner inside an emoji',
      file,
      code: config({ e: { command: 'e-mcp', args: ['\u{1f468}\u200d\u{1f469}\u200d\u{1f467}'] } }),
    },
    {
      name: 'a zero-width non-joiner in Persian',
      file,
      code: config({ fa: { command: 'fa-mcp', args: ['\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645'] } }),
    },
    {
      name: 'a Cyrillic host on its own',
      file,
      code: config({ r: { url: 'https://\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444/mcp' } }),
    },
    {
      name: 'a whole word of look-alikes in a plain argument (Russian text)',
      file,
      code: config({ r: { command: 'r-mcp', args: ['--word', '\u0441\u043e\u0435'] } }),
    },
  ],
  invalid: [
    {
      name: 'a right-to-left override in an argument',
      file,
      code: config({ gh: { command: 'github-mcp-server', args: ['--toolsets', 'repos\u202e,admin'] } }),
      findings: [
        {
          message: 'args[1] hides U+202E RIGHT-TO-LEFT OVERRIDE: "…epos\\u202E,adm…"',
          severity: 'high',
          server: 'gh',
        },
      ],
    },
    {
      name: 'a zero-width space in the server name',
      file,
      code: config({ 'git\u200bhub': { command: 'github-mcp-server' } }),
      findings: [
        { message: 'the server name hides U+200B ZERO WIDTH SPACE: "git\\u200Bhub"', severity: 'high' },
      ],
    },
    {
      name: 'a Cyrillic letter in the package npx runs',
      file,
      code: config({ pay: { command: 'npx', args: ['-y', '@p\u0430ypal/mcp@1.2.0'] } }),
      findings: [
        {
          message: 'args[1] has look-alike characters U+0430 Cyrillic, looks like "a": "@p\\u0430ypal…"',
          severity: 'high',
        },
      ],
    },
    {
      name: 'a Cyrillic letter in a plain argument is medium',
      file,
      code: config({ m: { command: 'm-mcp', args: ['--label', 'caf\u0435'] } }),
      findings: [
        {
          message: 'args[1] has look-alike characters U+0435 Cyrillic, looks like "e": "caf\\u0435"',
          severity: 'medium',
        },
      ],
    },
    {
      name: 'an all-Cyrillic look-alike host',
      file,
      code: config({ d: { url: 'https://\u0440\u0430\u0443\u0440\u0430\u04cf.com/mcp' } }),
      findings: [
        {
          message:
            'url has look-alike characters U+0440 Cyrillic, looks like "p", U+0430 Cyrillic, looks like "a", U+0443 Cyrillic, looks like "y" and 1 more: "…s://\\u0440\\u0430\\u0443\\u0440\\u0430\\u04CF.com…"',
          severity: 'high',
        },
      ],
    },
    {
      name: 'a fullwidth command and Unicode tags',
      file,
      code: config({ w: { command: '\uff4e\uff50\uff58', args: ['hi\u{e0069}\u{e0067}'] } }),
      findings: [
        {
          message:
            'command has look-alike characters U+FF4E compatibility form of "n", U+FF50 compatibility form of "p", U+FF58 compatibility form of "x": "\\uFF4E\\uFF50\\uFF58"',
          severity: 'high',
        },
        { message: 'args[0] hides U+E0069 TAG, U+E0067 TAG: "hi\\u{E0069}\\u{E0067}"', severity: 'high' },
      ],
    },
    {
      name: 'a URL handed to a bridge, in a Codex TOML file',
      file: '.codex/config.toml',
      code: '[mcp_servers.b]\ncommand = "npx"\nargs = ["-y", "mcp-remote@0.1.30", "https://ex\\u0430mple.com/sse"]\n',
      findings: [
        {
          message: 'args[2] has look-alike characters U+0430 Cyrillic, looks like "a": "…//ex\\u0430mple…"',
          severity: 'high',
          line: 3,
        },
      ],
    },
    {
      name: 'a disabled server is judged one severity lower',
      file,
      code: config({ x: { command: 'x\u200b-mcp', disabled: true } }),
      findings: [{ message: 'command hides U+200B ZERO WIDTH SPACE: "x\\u200B-mcp"', severity: 'medium' }],
    },
  ],
});
