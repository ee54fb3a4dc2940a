// MG405: TLS certificate verification switched off for a server, by environment variable
// (`NODE_TLS_REJECT_UNAUTHORIZED=0`, `PYTHONHTTPSVERIFY=0`, `GIT_SSL_NO_VERIFY=1` ...) or by a
// command-line switch (`--insecure`, `curl -k`, `--no-check-certificate`, `rejectUnauthorized:false`).
// Without verification anyone on the network path can impersonate the upstream API and read the
// credentials the server sends to it.
import { argv, programName, splitShell } from '../src/config/launch.ts';
import type { SValue } from '../src/config/types.ts';
import { defineRule } from '../src/scan/rule.ts';

/** Variables that switch verification off when set to `0`/`false` (the variable names "verify"). */
const OFF_WHEN_FALSE =
  /^(NODE_TLS_REJECT_UNAUTHORIZED|PYTHONHTTPSVERIFY|.*_?REJECT_?UNAUTHORIZED|.*(SSL|TLS|CERTS?|HTTPS)_?VERIFY(_?(SSL|TLS|CERTS?))?|.*VERIFY_?(SSL|TLS|CERTS?|HTTPS))$/i;
/** Variables that switch verification off when set to a true value (the variable names "no verify"). */
const OFF_WHEN_TRUE =
  /^(GIT_SSL_NO_VERIFY|.*(SSL|TLS|CERTS?|HTTPS)_?(NO_?VERIFY|SKIP_?VERIFY|VERIFY_?SKIP|INSECURE|DISABLE_?VERIFY|VERIFY_?DISABLED?|IGNORE(_?ERRORS)?)|.*(INSECURE_?SKIP_?(TLS_?)?VERIFY|SKIP_?(SSL|TLS|CERTS?)_?(VERIFY|VERIFICATION|CHECK)|(ALLOW|USE)_?INSECURE(_?(SSL|TLS))?|DISABLE_?(SSL|TLS|CERTS?)_?(VERIFY|VERIFICATION|CHECK)?|IGNORE_?(SSL|TLS|CERTS?)(_?ERRORS)?|NO_?VERIFY_?(SSL|TLS|CERTS?)))$/i;

/** Command-line switches that turn verification off, whatever the program. */
const INSECURE_FLAGS = new Set([
  '--insecure',
  '--no-check-certificate',
  '--ignore-certificate-errors',
  '--allow-insecure',
  '--insecure-skip-tls-verify',
  '--skip-tls-verify',
  '--tls-skip-verify',
  '--no-verify-ssl',
  '--ssl-no-verify',
  '--no-ssl-verify',
  '--disable-ssl-verification',
  '--ignore-ssl-errors',
  '--accept-insecure-certs',
  '--tlsallowinvalidcertificates',
  '--tls-allow-invalid-certificates',
]);
/** Switches that take a value and turn verification off when it is false (`--tls-verify=false`). */
const VERIFY_FLAGS =
  /^--?(tls-verify|ssl-verify|verify-ssl|verify-tls|verify|strict-ssl|reject-unauthorized|rejectunauthorized)$/i;
/** Programs where `-k` means `--insecure`. */
const K_PROGRAMS = new Set(['curl', 'curlie', 'xh', 'http', 'https']);

const FALSE = /^(0|false|no|off|n)$/i;
const TRUE = /^(1|true|yes|on|y)$/i;

/** The switch text that disables verification in a `NAME=value` setting, or undefined. */
function envSwitch(name: string, value: string): string | undefined {
  const v = value.trim().replace(/^["']|["']$/g, '');
  if (OFF_WHEN_FALSE.test(name) && FALSE.test(v)) return `${name}=${v}`;
  if (OFF_WHEN_TRUE.test(name) && TRUE.test(v)) return `${name}=${v}`;
  return undefined;
}

/** The switch in one argv word (given the program it belongs to and the next word), or undefined. */
function argSwitch(word: string, program: string, next: string | undefined): string | undefined {
  const lower = word.toLowerCase();
  if (INSECURE_FLAGS.has(lower)) return word;
  if (/^-[A-Za-z]*k[A-Za-z]*$/.test(word) && K_PROGRAMS.has(program)) return `${program} ${word}`;
  const eq = /^(--?[\w-]+)=(.*)$/.exec(word);
  if (eq && VERIFY_FLAGS.test(eq[1]) && FALSE.test(eq[2])) return word;
  if (VERIFY_FLAGS.test(word) && next !== undefined && FALSE.test(next)) return `${word} ${next}`;
  const assign = /^([A-Za-z_][\w]*)=(.*)$/s.exec(word);
  if (assign) return envSwitch(assign[1], assign[2]);
  // rejectUnauthorized: false inside a JSON or JS snippet handed over as an argument.
  const js = /["']?rejectUnauthorized["']?\s*[:=]\s*(false|0)\b/i.exec(word);
  if (js) return js[0];
  return undefined;
}

export default defineRule({
  code: 'MG405',
  name: 'tls-verification-disabled',
  severity: 'high',
  precision: 'high',
  summary:
    'TLS certificate verification is switched off (NODE_TLS_REJECT_UNAUTHORIZED=0, --insecure, -k ...).',
  description:
    'With certificate verification off, the server accepts any certificate for the hosts it talks to, so anyone on the network path (public Wi-Fi, a compromised proxy, a hostile DNS answer) can impersonate the upstream API, read the API keys and data the server sends, and feed the model forged answers. The switch is usually added to get past a corporate proxy or a self-signed certificate and then forgotten; it also applies to every other host the process contacts.',
  help: [
    'Remove the switch and trust the certificate instead: point the runtime at the CA bundle that signed it. Unsafe:',
    '',
    '```json',
    '{ "mcpServers": { "jira": { "command": "npx", "args": ["-y", "mcp-jira@1.2.0"],',
    '  "env": { "NODE_TLS_REJECT_UNAUTHORIZED": "0" } } } }',
    '```',
    '',
    'Safe (Node: `NODE_EXTRA_CA_CERTS`; Python requests: `REQUESTS_CA_BUNDLE`; curl: `--cacert`; git: `GIT_SSL_CAINFO`):',
    '',
    '```json',
    '{ "mcpServers": { "jira": { "command": "npx", "args": ["-y", "mcp-jira@1.2.0"],',
    '  "env": { "NODE_EXTRA_CA_CERTS": "/etc/ssl/certs/corp-root.pem" } } } }',
    '```',
  ].join('\n'),
  fix: 'remove the switch; trust the CA that signed the certificate (NODE_EXTRA_CA_CERTS, REQUESTS_CA_BUNDLE, --cacert)',
  tags: ['security', 'network', 'tls', 'external/cwe/cwe-295'],
  messages: {
    env: 'env `{setting}` turns off TLS certificate verification for this server',
    arg: '`{setting}` turns off TLS certificate verification for this server',
  },
  checkServer(server, ctx) {
    for (const [name, v] of Object.entries(server.env)) {
      if (v.refs.length > 0) continue;
      const setting = envSwitch(name, v.value);
      if (setting) ctx.report({ path: v.path, message: 'env', data: { setting } });
    }
    const reported = new Set<SValue>();
    const words = argv(server);
    let program = programName(words[0]?.text);
    words.forEach((w, i) => {
      // A shell string (`sh -c "curl -k ..."`) or a command with its own words: look inside it too.
      const inner = /\s/.test(w.text) ? splitShell(w.text) : [w.text];
      inner.forEach((text, j) => {
        if (reported.has(w.source)) return;
        if (K_PROGRAMS.has(programName(text)) || (j === 0 && inner.length > 1)) program = programName(text);
        const next = j + 1 < inner.length ? inner[j + 1] : words[i + 1]?.text;
        const setting = argSwitch(text, program, next);
        if (setting) {
          reported.add(w.source);
          ctx.report({ path: w.source.path, message: 'arg', data: { setting } });
        }
      });
    });
  },
});
