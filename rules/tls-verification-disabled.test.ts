// MG405: TLS certificate verification switched off by a flag or an environment variable.
import { RuleTester } from '../src/scan/rule-tester.ts';
import tlsVerificationDisabled from './tls-verification-disabled.ts';

new RuleTester().run(tlsVerificationDisabled, {
  valid: [
    {
      file: '.cursor/mcp.json',
      code: '{ "mcpServers": { "jira": { "command": "npx", "args": ["-y", "jira-mcp@1.0.0"], "env": { "NODE_EXTRA_CA_CERTS": "/etc/ssl/corp.pem" } } } }',
    },
  ],
  invalid: [
    {
      file: '.cursor/mcp.json',
      code: '{ "mcpServers": { "jira": { "command": "npx", "args": ["-y", "jira-mcp@1.0.0"], "env": { "NODE_TLS_REJECT_UNAUTHORIZED": "0" } } } }',
      findings: [
        {
          message:
            'env `NODE_TLS_REJECT_UNAUTHORIZED=0` turns off TLS certificate verification for this server',
          severity: 'high',
          line: 1,
          server: 'jira',
        },
      ],
    },
    {
      file: '.cursor/mcp.json',
      code: '{ "mcpServers": { "fetch": { "command": "curl", "args": ["-sk", "https://x.example/mcp"] } } }',
      findings: [
        {
          message: '`curl -sk` turns off TLS certificate verification for this server',
          severity: 'high',
          line: 1,
          server: 'fetch',
        },
      ],
    },
  ],
});
