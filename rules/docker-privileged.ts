// MG403: a containerised server started with options that take away the container's isolation
// (`--privileged`, `--cap-add ALL`, host namespaces, unconfined seccomp/AppArmor, the host's `/` or
// the Docker socket mounted). People run MCP servers in containers *to* contain them; with these
// options a compromised or malicious server owns the host. Launcher parsing is shared with MG401
// (rules/utils/launchers.ts), so option values (`-v a:b`, `--name n`) are never mistaken for flags.
import type { Word } from '../src/config/launch.ts';
import { defineRule, type Severity } from '../src/scan/rule.ts';
import { findLaunches, isHostRoot, type Launch, type LauncherOption, mounts } from './utils/launchers.ts';

/** Capabilities that amount to root on the host (SYS_ADMIN: mounts and namespaces; SYS_MODULE: kernel code). */
const HOST_ROOT_CAPS = new Set(['ALL', 'SYS_ADMIN', 'SYS_MODULE']);

/** Sockets that control the container engine: whoever talks to them starts privileged containers. */
const ENGINE_SOCKET =
  /^(?:\/{1,2}(?:var\/)?run\/(?:docker|podman\/podman|containerd\/containerd)\.sock|\\\\\.\\pipe\\docker_engine|.*\/podman\/podman\.sock|.*\/\.docker\/run\/docker\.sock|.*\/\.colima\/.*docker\.sock)$/i;

/** True when a mount source is the container engine's control socket. */
function isEngineSocket(source: string): boolean {
  return ENGINE_SOCKET.test(source.replace(/\/+$/, ''));
}

interface Issue {
  word: Word;
  message: 'privileged' | 'capAdd' | 'hostNamespace' | 'unconfined' | 'socket' | 'rootMount';
  data: Record<string, string>;
  severity?: Severity;
}

/** A flag that is on unless written `=false`. */
const on = (o: LauncherOption) => o.value === undefined || !/^(false|0)$/i.test(o.value);

function issues(launch: Launch): Issue[] {
  const out: Issue[] = [];
  for (const o of launch.options) {
    const value = (o.value ?? '').trim();
    const at = o.valueWord ?? o.word;
    if (o.name === 'privileged' && on(o))
      out.push({ word: o.word, message: 'privileged', data: { option: '--privileged' } });
    else if (o.name === 'cap-add') {
      for (const cap of value.split(',')) {
        const c = cap.trim().toUpperCase().replace(/^CAP_/, '');
        if (HOST_ROOT_CAPS.has(c)) out.push({ word: at, message: 'capAdd', data: { cap: c } });
      }
    } else if (
      ['network', 'pid', 'ipc', 'uts', 'userns'].includes(o.name) &&
      value.toLowerCase() === 'host'
    ) {
      // The host's network or IPC is a wide door but not the host itself: medium. PID/user namespaces: high.
      const severity: Severity | undefined = ['network', 'ipc', 'uts'].includes(o.name)
        ? 'medium'
        : undefined;
      out.push({ word: at, message: 'hostNamespace', data: { option: `--${o.name}`, value }, severity });
    } else if (o.name === 'security-opt') {
      const m = /^(seccomp|apparmor|label|systempaths)[=:](unconfined|disable)$/i.exec(value);
      if (m) out.push({ word: at, message: 'unconfined', data: { option: '--security-opt', value } });
    } else if (o.name === 'use-api-socket' && on(o))
      out.push({ word: o.word, message: 'socket', data: { source: '--use-api-socket' } });
  }
  for (const m of mounts(launch)) {
    if (!m.bind) continue;
    if (isHostRoot(m.source)) out.push({ word: m.word, message: 'rootMount', data: { source: m.source } });
    else if (isEngineSocket(m.source))
      out.push({ word: m.word, message: 'socket', data: { source: m.source } });
  }
  return out;
}

export default defineRule({
  code: 'MG403',
  name: 'docker-privileged',
  severity: 'high',
  precision: 'very-high',
  summary: 'A containerised server runs with options that remove the container isolation.',
  description:
    "A container is only a boundary if it is started as one. `--privileged`, `--cap-add ALL` / `SYS_ADMIN` / `SYS_MODULE`, `--pid host`, `--userns host`, `--security-opt seccomp=unconfined` (or `apparmor=unconfined`, `label=disable`), a bind mount of the host's `/` (or a drive root), and a mount of the Docker or Podman socket (or `--use-api-socket`) each let the process inside (a server that reads untrusted web pages, issues, or files, and can be steered by them) take over the host: the socket alone lets it start a privileged container of its own. `--network host`, `--ipc host` and `--uts host` are reported at medium: they expose the host's loopback services and IPC but not its files.",
  help: [
    'Drop the option, or grant only what the server needs (a single capability, a named volume, one project folder). Unsafe:',
    '',
    '```json',
    '{ "mcpServers": { "tools": { "command": "docker", "args": ["run", "-i", "--rm", "--privileged", "-v", "/var/run/docker.sock:/var/run/docker.sock", "ghcr.io/acme/tools-mcp:1.2.0"] } } }',
    '```',
    '',
    'Safe:',
    '',
    '```json',
    '{ "mcpServers": { "tools": { "command": "docker", "args": ["run", "-i", "--rm", "--cap-drop", "ALL", "-v", "/home/me/project:/work:ro", "ghcr.io/acme/tools-mcp:1.2.0"] } } }',
    '```',
    '',
    'A server that must manage containers should talk to a socket proxy that allows only the calls it needs, not to the engine socket.',
  ].join('\n'),
  fix: 'remove --privileged, host namespaces, broad capabilities and host-root/socket mounts',
  tags: ['security', 'container', 'external/cwe/cwe-250', 'external/cwe/cwe-269'],
  messages: {
    privileged: '{option}: the container has every capability and every host device',
    capAdd: '--cap-add {cap}: the container can act as root on the host',
    hostNamespace: '{option} {value}: the container shares the host namespace',
    unconfined: '{option} {value}: the container runs without its kernel confinement profile',
    rootMount: 'mounts the host file system root {source} into the container',
    socket: 'mounts the container engine socket ({source}): the container can start privileged containers',
  },
  checkServer(server, ctx) {
    for (const launch of findLaunches(server)) {
      if (launch.ecosystem !== 'oci') continue;
      for (const i of issues(launch)) {
        ctx.report({ path: i.word.source.path, message: i.message, data: i.data, severity: i.severity });
      }
    }
  },
});
