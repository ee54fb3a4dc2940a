// The guard config's `servers` (a local command, split without a shell, or a URL) and `routes` (which
// server gets a tool or a method). Split from guard-normalize.ts; every refusal names its key, so the
// loader can point at its line.
import type { Fail } from './guard-normalize.ts';
import type { RawGuardConfig } from './guard-schema.ts';
import type { GuardRoute, GuardServer } from './guard-types.ts';
import { splitShell } from './launch.ts';

/** `servers`: each one a command (with its arguments) or a URL, never both. */
export function normalizeServers(raw: RawGuardConfig, fail: Fail): Record<string, GuardServer> {
  const out: Record<string, GuardServer> = {};
  const servers = raw.servers ?? {};
  const names = Object.keys(servers);
  if (names.length === 0)
    fail(['servers'], 'no server configured; add one under servers.<name> with a command or url');
  for (const name of names) {
    const s = servers[name];
    const at = ['servers', name];
    fail.unit(() => {
      if (s.command === undefined && s.url === undefined)
        fail(at, 'give either command (a local server) or url');
      if (s.command !== undefined && s.url !== undefined)
        fail([...at, 'url'], 'give either command or url, not both');
      const server: GuardServer = { name, args: s.args ?? [], env: s.env ?? {}, headers: s.headers ?? {} };
      if (s.command !== undefined) {
        const words = /\s/.test(s.command.trim()) ? splitShell(s.command.trim()) : [s.command.trim()];
        if (words.length === 0 || words[0] === '') fail([...at, 'command'], 'empty command');
        // The guard spawns without a shell: an operator would reach the program as a literal argument.
        const op = words.find((w) => /^(\||\|\||&&|;|>|>>|<|&|#.*)$/.test(w));
        if (op)
          fail([...at, 'command'], `"${op}" needs a shell; run the program directly (or wrap it in sh -c)`);
        server.command = words[0];
        server.args = [...words.slice(1), ...server.args];
      }
      if (s.cwd !== undefined) server.cwd = s.cwd;
      if (s.url !== undefined) {
        if (
          fail.known([...at, 'url']) &&
          (!URL.canParse(s.url) || !/^https?:$/.test(new URL(s.url).protocol))
        )
          fail([...at, 'url'], 'expected an http(s) URL');
        server.url = s.url;
      }
      out[name] = server;
    }, undefined);
  }
  return out;
}

/** `routes`: each to a server the file names, with what its mode needs. */
export function normalizeRoutes(raw: RawGuardConfig, serverNames: string[], fail: Fail): GuardRoute[] {
  return (raw.routes ?? []).flatMap((r, i) => {
    const at = ['routes', i];
    return fail.unit(() => {
      if (!serverNames.includes(r.target) && fail.known([...at, 'target']))
        fail([...at, 'target'], `no server named "${r.target}"; servers: ${serverNames.join(', ')}`);
      if (r.mode === 'tool' && !r.tool_name) fail([...at, 'mode'], 'mode "tool" needs tool_name');
      if (r.mode === 'method' && !r.method_prefix) fail([...at, 'mode'], 'mode "method" needs method_prefix');
      const route: GuardRoute = { mode: r.mode, target: r.target };
      if (r.tool_name !== undefined) route.toolName = r.tool_name;
      if (r.method_prefix !== undefined) route.methodPrefix = r.method_prefix;
      return [route];
    }, []);
  });
}
