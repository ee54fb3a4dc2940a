// MG210: an mcp-guard config with auth.mode none, high or medium by where the guard listens; configs the
// guard's loader refuses are MG213's.
import { RuleTester } from '../src/scan/rule-tester.ts';
import guardAuthDisabled from './guard-auth-disabled.ts';

new RuleTester().run(guardAuthDisabled, {
  valid: [
    {
      file: 'mcp-guard.yaml',
      code: 'auth: {mode: api_key, keys: ["${K}"]}\nservers: {s: {command: srv}}\nhttp: {host: 0.0.0.0}\n',
    },
    {
      name: 'the mode chosen at deploy time',
      file: 'mcp-guard.yaml',
      code: 'auth: {mode: "${AUTH_MODE}"}\nservers: {s: {command: srv}}\nhttp: {host: 0.0.0.0}\n',
    },
    {
      name: 'no auth section: the guard refuses to start',
      file: 'mcp-guard.yaml',
      code: 'servers: {s: {command: srv}}\nhttp: {host: 0.0.0.0}\n',
    },
    {
      name: 'auth: none is refused by the loader',
      file: 'mcp-guard.yaml',
      code: 'auth: none\nservers: {s: {command: srv}}\n',
    },
    {
      name: 'mode none beside credentials is refused by the loader',
      file: 'mcp-guard.yaml',
      code: 'auth: {mode: none, keys: ["${K}"]}\nservers: {s: {command: srv}}\n',
    },
    {
      name: 'another client with the same keys',
      file: '.cursor/mcp.json',
      code: '{ "auth": { "mode": "none" }, "mcpServers": {} }',
    },
    {
      name: "somebody else's file named like a guard config",
      file: 'mcp-guard.json',
      code: '{ "name": "x" }',
    },
  ],
  invalid: [
    {
      file: 'mcp-guard.yaml',
      code: 'auth: {mode: none}\nservers: {s: {command: srv}}\nhttp: {host: 0.0.0.0}\n',
      findings: [
        {
          message:
            'auth.mode is "none" and the guard listens on 0.0.0.0: anyone who can reach that address can call every tool of every guarded server',
          severity: 'high',
          line: 1,
          server: null,
        },
      ],
    },
    {
      file: 'mcp-guard.yaml',
      code: 'auth: {mode: none}\nservers: {s: {command: srv}}\nhttp: {host: "::"}\n',
      findings: [
        {
          message:
            'auth.mode is "none" and the guard listens on [::]: anyone who can reach that address can call every tool of every guarded server',
          severity: 'high',
          line: 1,
          server: null,
        },
      ],
    },
    {
      file: 'mcp-guard.yaml',
      code: 'auth: {mode: none}\nservers: {s: {command: srv}}\nhttp: {host: 10.1.2.3}\n',
      findings: [
        {
          message:
            'auth.mode is "none" and the guard listens on 10.1.2.3: anyone who can reach that address can call every tool of every guarded server',
          severity: 'high',
          line: 1,
          server: null,
        },
      ],
    },
    {
      name: 'a host decided at deploy time',
      file: 'mcp-guard.yaml',
      code: 'auth: {mode: none}\nservers: {s: {command: srv}}\nhttp: {host: "${HOST}"}\n',
      findings: [
        {
          message:
            'auth.mode is "none" and the guard listens on ${HOST}, chosen at deploy time: nothing keeps it off a public address',
          severity: 'high',
          line: 1,
          server: null,
        },
      ],
    },
    {
      name: 'a referenced host is judged by its default',
      file: 'mcp-guard.yaml',
      code: 'auth: {mode: none}\nservers: {s: {command: srv}}\nhttp: {host: "${HOST:-127.0.0.1}"}\n',
      findings: [
        {
          message:
            'auth.mode is "none"; the guard listens on loopback (${HOST:-127.0.0.1}) only, yet any local process or web page (through DNS rebinding) can call every tool',
          severity: 'medium',
          line: 1,
          server: null,
        },
      ],
    },
    {
      name: "http without host: the loader's default, loopback",
      file: 'mcp-guard.yaml',
      code: 'auth: {mode: none}\nservers: {s: {command: srv}}\nhttp: {port: 8080}\n',
      findings: [
        {
          message:
            'auth.mode is "none"; the guard listens on loopback (127.0.0.1) only, yet any local process or web page (through DNS rebinding) can call every tool',
          severity: 'medium',
          line: 1,
          server: null,
        },
      ],
    },
    {
      name: 'stdio only',
      file: 'mcp-guard.yaml',
      code: 'auth:\n  mode: NONE\nservers: {s: {command: srv}}\n',
      findings: [
        {
          message:
            'auth.mode is "none"; the guard runs over stdio only, but adding an http section would expose every tool without a credential',
          severity: 'medium',
          line: 2,
          server: null,
        },
      ],
    },
    {
      name: 'a guard config recognised by its shape',
      file: 'wallet.json',
      code: '{ "auth": { "mode": "none" }, "servers": { "w": { "command": "srv" } }, "http": { "host": "0.0.0.0" } }',
      findings: [
        {
          message:
            'auth.mode is "none" and the guard listens on 0.0.0.0: anyone who can reach that address can call every tool of every guarded server',
          severity: 'high',
          line: 1,
          server: null,
        },
      ],
    },
  ],
});
