// MG501: on the user's own machine, a config file that holds a literal secret (the same detection as
// MG301) can be read by other local users (group/other read bits), or replaced by them (the file or
// its folder writable by others). Only machine scans judge this, and only on POSIX file systems:
// in a repository the mode says nothing about who can read the file, and Windows has no mode bits.
import { defineRule } from '../src/scan/rule.ts';
import { fileSecrets, prepareSecrets } from './utils/server-secrets.ts';

/** Group or other can read. */
const READABLE = 0o044;
/** Other can write. */
const WRITABLE = 0o002;
/** The sticky bit: in a sticky folder (like /tmp) others cannot replace a file they do not own. */
const STICKY = 0o1000;

export default defineRule({
  code: 'MG501',
  name: 'config-permissions',
  severity: 'medium',
  precision: 'high',
  summary: 'A config file holding a literal secret is readable (or writable) by other users of the machine.',
  description:
    'Config files are created with the default umask, which usually lets every local user read them (mode 644). When the file holds an API key, any other account on the machine, a shared build agent, or a compromised low-privilege service can read the key. When the file or its folder is writable by others, they can also rewrite the server command, and the client will run it as you.',
  help: [
    'Restrict the file to its owner, and better still move the secret out of it (see MG301). Unsafe:',
    '',
    '```sh',
    '$ ls -l ~/.cursor/mcp.json',
    '-rw-r--r--  1 me  staff  312 ~/.cursor/mcp.json   # holds "GITHUB_TOKEN": "ghp_..."',
    '```',
    '',
    'Safe:',
    '',
    '```sh',
    'chmod 600 ~/.cursor/mcp.json',
    'chmod go-w ~/.cursor',
    '```',
  ].join('\n'),
  fix: 'chmod 600 the file (and chmod go-w its folder); move the secret into the environment',
  tags: ['security', 'secrets', 'permissions', 'external/cwe/cwe-732'],
  messages: {
    readable:
      'this file holds a literal secret ({where}, {preview}) and is readable by other users (mode {mode})',
    writable:
      'this file holds a literal secret ({where}, {preview}) and {what} is writable by other users (mode {mode})',
  },
  prepare: prepareSecrets,
  checkFile(config, ctx) {
    if (ctx.mode !== 'machine' || process.platform === 'win32' || !ctx.stat) return;
    const { mode, dirMode } = ctx.stat;
    const fileWritable = (mode & WRITABLE) !== 0;
    const dirWritable = (dirMode & WRITABLE) !== 0 && (dirMode & STICKY) === 0;
    if ((mode & READABLE) === 0 && !fileWritable && !dirWritable) return;
    const [site] = fileSecrets(config);
    if (!site) return;
    const data = {
      where: site.where,
      preview: site.preview,
      mode: (mode & 0o777).toString(8).padStart(3, '0'),
      what: fileWritable ? 'the file' : 'its folder',
    };
    if (fileWritable || dirWritable)
      ctx.report({ path: site.value.path, message: 'writable', data, severity: 'high' });
    else ctx.report({ path: site.value.path, message: 'readable', data });
  },
});
