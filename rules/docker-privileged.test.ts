// MG403: containers that can reach the host (privileged, host namespaces, root or engine-socket mounts).
import { RuleTester } from '../src/scan/rule-tester.ts';
import dockerPrivileged from './docker-privileged.ts';

new RuleTester().run(dockerPrivileged, {
  valid: [
    {
      file: '.cursor/mcp.json',
      code: '{ "mcpServers": { "tools": { "command": "docker", "args": ["run", "-i", "--rm", "--cap-drop", "ALL", "-v", "/home/me/project:/work:ro", "ghcr.io/acme/tools-mcp:1.2.0"] } } }',
    },
  ],
  invalid: [
    {
      file: '.cursor/mcp.json',
      code: '{ "mcpServers": { "kali": { "command": "docker", "args": ["run", "-i", "--rm", "--privileged", "kali-mcp:1.0"] } } }',
      findings: [
        {
          message: '--privileged: the container has every capability and every host device',
          severity: 'high',
          line: 1,
          server: 'kali',
        },
      ],
    },
    {
      file: '.cursor/mcp.json',
      code: '{ "mcpServers": { "socket": { "command": "docker", "args": ["run", "-i", "--rm", "-v", "/var/run/docker.sock:/var/run/docker.sock", "acme/ops-mcp:1.0"] } } }',
      findings: [
        {
          message:
            'mounts the container engine socket (/var/run/docker.sock): the container can start privileged containers',
          severity: 'high',
          line: 1,
          server: 'socket',
        },
      ],
    },
    {
      file: '.cursor/mcp.json',
      code: '{ "mcpServers": { "net": { "command": "docker", "args": ["run", "-i", "--rm", "--network", "host", "acme/net-mcp:1.0"] } } }',
      findings: [
        {
          message: '--network host: the container shares the host namespace',
          severity: 'medium',
          line: 1,
          server: 'net',
        },
      ],
    },
  ],
});
