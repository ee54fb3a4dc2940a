// One guard in front of several real backends (server-everything, server-filesystem on a temporary
// folder, and the paginating test server), driven by the SDK client over stdio: merged and prefixed
// lists, pagination, routing by prefix, by tool and by method, collisions under `namespacing: none`,
// per-agent filtering, and progress, sampling and list_changed travelling through the id mapping.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import {
  CreateMessageRequestSchema,
  ToolListChangedNotificationSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { runCli } from './helpers/cli.ts';
import { connect, guardDir, ROOT, rawGuard } from './servers/harness.ts';

const FILESYSTEM = join(ROOT, 'node_modules/@modelcontextprotocol/server-filesystem/dist/index.js');
const PAGED = join(ROOT, 'test/servers/paged.ts');
const SAFE_NAME = /^[A-Za-z0-9_.-]{1,64}$/;

const SERVERS = `
servers:
  everything:
    command: "{{NODE}}"
    args: ["{{EVERYTHING}}", "stdio"]
  fs:
    command: "{{NODE}}"
    args: ["${FILESYSTEM}", "{{DIR}}/data"]
  paged:
    command: "{{NODE}}"
    args: ["${PAGED}"]
`;

/** A guard dir with a `data` folder (served by server-filesystem) holding one file. */
function multiDir(yaml: string) {
  const g = guardDir(yaml);
  mkdirSync(join(g.dir, 'data'));
  writeFileSync(join(g.dir, 'data', 'note.txt'), 'hello from the folder\n');
  return g;
}

/** Every page of tools/list, following the guard's cursors. */
async function allTools(client: Client): Promise<string[]> {
  const names: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.listTools(cursor === undefined ? {} : { cursor });
    names.push(...page.tools.map((t) => t.name));
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return names;
}

const text = (result: unknown) =>
  ((result as { content: { type: string; text?: string }[] }).content ?? []).map((c) => c.text).join('');

async function rpcError(promise: Promise<unknown>): Promise<{ code: number; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: number; message: string };
  }
  assert.fail('expected an error');
}

test('three backends: merged prefixed lists, cursors, routing by prefix, prompts, resources, list_changed', async () => {
  const g = multiDir(`auth: {mode: none}\n${SERVERS}`);
  const { client, transport, stderr } = await connect(g.config);
  try {
    await client.connect(transport);
    assert.equal(client.getServerVersion()?.name, 'mcp-guard');
    const caps = client.getServerCapabilities() ?? {};
    assert.ok(caps.tools && caps.prompts && caps.resources, JSON.stringify(caps));
    assert.equal((caps as Record<string, unknown>).tasks, undefined);

    // First page: every backend's first page; the paged server's second page needs the guard's cursor.
    const first = await client.listTools();
    const names = first.tools.map((t) => t.name);
    for (const n of ['everything__echo', 'fs__read_text_file', 'paged__echo', 'paged__announce'])
      assert.ok(names.includes(n), `${n} in ${names}`);
    assert.ok(!names.includes('paged__last'));
    assert.ok(names.every((n) => SAFE_NAME.test(n)));
    assert.ok(first.nextCursor);
    const second = await client.listTools({ cursor: first.nextCursor });
    assert.deepEqual(
      second.tools.map((t) => t.name),
      ['paged__last'],
    );
    assert.equal(second.nextCursor, undefined);
    // _meta.target_server narrows a list to one server (no auth here: every agent may reach all).
    const only = await client.listTools({ _meta: { target_server: 'paged' } });
    assert.deepEqual(
      only.tools.map((t) => t.name),
      ['paged__echo', 'paged__announce'],
    );
    const bad = await rpcError(client.listTools({ cursor: 'not-from-the-guard' }));
    assert.equal(bad.code, -32602);

    // Calls go back to the backend that listed the name, under its own name.
    assert.equal(
      text(await client.callTool({ name: 'everything__echo', arguments: { message: 'hi' } })),
      'Echo: hi',
    );
    assert.equal(
      text(await client.callTool({ name: 'paged__echo', arguments: { message: 'hi' } })),
      'paged: hi',
    );
    assert.equal(text(await client.callTool({ name: 'paged__last', arguments: {} })), 'last');
    const file = await client.callTool({
      name: 'fs__read_text_file',
      arguments: { path: join(g.dir, 'data', 'note.txt') },
    });
    assert.match(text(file), /hello from the folder/);
    const none = await rpcError(client.callTool({ name: 'nobody__tool', arguments: {} }));
    assert.equal(none.code, -32005);

    // Prompts: merged and prefixed; prompts/get restores the name.
    const prompts = (await client.listPrompts()).prompts.map((p) => p.name);
    assert.ok(
      prompts.includes('paged__greet') && prompts.includes('everything__simple-prompt'),
      `${prompts}`,
    );
    const greeting = await client.getPrompt({ name: 'paged__greet', arguments: { who: 'Ada' } });
    assert.deepEqual(greeting.messages[0].content, { type: 'text', text: 'hello Ada' });

    // Resources keep their URIs; reads and subscriptions are routed by URI (listed, or by template).
    const resources = (await client.listResources()).resources;
    const doc = resources.find((r) => r.uri.startsWith('demo://resource/static/document/'));
    assert.ok(doc, JSON.stringify(resources.map((r) => r.uri)));
    const read = await client.readResource({ uri: doc.uri });
    assert.equal(read.contents[0].uri, doc.uri);
    const templates = (await client.listResourceTemplates()).resourceTemplates.map((t) => t.uriTemplate);
    assert.ok(templates.includes('demo://resource/dynamic/text/{resourceId}'), `${templates}`);
    const dynamic = await client.readResource({ uri: 'demo://resource/dynamic/text/7' });
    assert.equal(dynamic.contents[0].uri, 'demo://resource/dynamic/text/7');
    await client.subscribeResource({ uri: doc.uri });
    await client.unsubscribeResource({ uri: doc.uri });

    // A list_changed from one backend reaches the client.
    const changed = new Promise<void>((resolve) =>
      client.setNotificationHandler(ToolListChangedNotificationSchema, () => resolve()),
    );
    assert.equal(text(await client.callTool({ name: 'paged__announce', arguments: {} })), 'announced');
    await changed;

    const calls = g.records().filter((r) => r.method === 'tools/call' && r.decision === 'allow');
    assert.deepEqual(
      calls.map((r) => [r.tool, r.backend]),
      [
        ['everything__echo', 'everything'],
        ['paged__echo', 'paged'],
        ['paged__last', 'paged'],
        ['fs__read_text_file', 'fs'],
        ['paged__announce', 'paged'],
      ],
    );
    const subscribe = g.records().find((r) => r.method === 'resources/subscribe');
    assert.equal(subscribe?.backend, 'everything');
  } finally {
    await client.close();
  }
  assert.doesNotMatch(stderr(), /unknown id/);
});

test('routes: by tool for names no backend listed, by method prefix; nothing matching is -32005', async () => {
  const g = multiDir(`auth: {mode: none}
${SERVERS}
routes:
  - {mode: tool, tool_name: "echo", target: paged}
  - {mode: method, method_prefix: "tasks/", target: everything}
`);
  const { client, transport } = await connect(g.config);
  try {
    await client.connect(transport);
    // `echo` is not an exposed name (those are prefixed): the tool route sends it to the paged server.
    assert.equal(text(await client.callTool({ name: 'echo', arguments: { message: 'x' } })), 'paged: x');
    // No catalogue entry and no tool route: no backend.
    assert.equal((await rpcError(client.callTool({ name: 'get-sum', arguments: {} }))).code, -32005);
    // A method only the routes know about.
    const tasks = await client.request({ method: 'tasks/list', params: {} }, z.object({}).passthrough());
    assert.ok(tasks);
    const other = await rpcError(client.request({ method: 'nothing/here', params: {} }, z.object({})));
    assert.equal(other.code, -32005);
    const routed = g.records().filter((r) => r.method === 'tasks/list' || r.tool === 'echo');
    assert.deepEqual(
      routed.map((r) => r.backend),
      ['paged', 'everything'],
    );
  } finally {
    await client.close();
  }
});

test('namespacing none: plain names; a name offered by two servers is an error naming both', async () => {
  const clash = multiDir(`auth: {mode: none}\nnamespacing: none\n${SERVERS}`);
  const a = await connect(clash.config);
  try {
    await a.client.connect(a.transport);
    const error = await rpcError(a.client.listTools());
    assert.match(error.message, /"echo" is offered by both server everything and server paged/);
    // The stderr line and the error response leave the guard on two pipes: give the line a moment.
    for (let i = 0; i < 40 && !/echo.*everything.*paged/.test(a.stderr()); i++) await delay(25);
    assert.match(a.stderr(), /echo.*everything.*paged/);
  } finally {
    await a.client.close();
  }
  const clean = multiDir(`auth: {mode: none}
namespacing: none
servers:
  fs:
    command: "{{NODE}}"
    args: ["${FILESYSTEM}", "{{DIR}}/data"]
  paged:
    command: "{{NODE}}"
    args: ["${PAGED}"]
`);
  const b = await connect(clean.config);
  try {
    await b.client.connect(b.transport);
    const names = await allTools(b.client);
    assert.ok(
      names.includes('echo') && names.includes('last') && names.includes('list_directory'),
      `${names}`,
    );
    assert.equal(text(await b.client.callTool({ name: 'echo', arguments: { message: 'y' } })), 'paged: y');
    const listing = await b.client.callTool({
      name: 'list_directory',
      arguments: { path: join(clean.dir, 'data') },
    });
    assert.match(text(listing), /note\.txt/);
  } finally {
    await b.client.close();
  }
});

const AGENTS = `auth:
  mode: api_key
  keys:
    alice: alice-key-0123456789abcdef
    bob: bob-key-0123456789abcdef
${SERVERS}
policies:
  tool_denylist: ["get-env"]
agents:
  alice:
    servers: [fs, paged]
    tool_denylist: ["echo"]
  bob:
    tool_allowlist: ["fs__*", "get-sum"]
`;

test('per agent: denied tools never appear in any list and are refused; servers limit prompts and resources', async () => {
  const g = multiDir(AGENTS);
  const alice = await connect(g.config, { env: { MCP_GUARD_API_KEY: 'alice-key-0123456789abcdef' } });
  try {
    await alice.client.connect(alice.transport);
    const tools = await allTools(alice.client);
    assert.ok(
      tools.includes('paged__announce') &&
        tools.includes('paged__last') &&
        tools.includes('fs__list_directory'),
    );
    assert.ok(!tools.some((n) => n.endsWith('echo')), `${tools}`);
    assert.ok(!tools.some((n) => n.startsWith('everything__')), `${tools}`);
    for (const name of ['paged__echo', 'everything__get-sum', 'everything__get-env']) {
      const refused = await rpcError(
        alice.client.callTool({ name, arguments: { message: 'x', a: 1, b: 2 } }),
      );
      assert.equal(refused.code, -32003, name);
    }
    // Prompts and resources of a server she may not reach are not listed, nor readable.
    assert.deepEqual(
      (await alice.client.listPrompts()).prompts.map((p) => p.name),
      ['paged__greet'],
    );
    assert.deepEqual((await alice.client.listResources()).resources, []);
    const prompt = await rpcError(alice.client.getPrompt({ name: 'everything__simple-prompt' }));
    assert.equal(prompt.code, -32003);
    const read = await rpcError(
      alice.client.readResource({ uri: 'demo://resource/static/document/architecture.md' }),
    );
    assert.equal(read.code, -32003);
    // _meta.target_server cannot reach a server outside her list.
    const target = await rpcError(
      alice.client.callTool({
        name: 'get-sum',
        arguments: { a: 1, b: 2 },
        _meta: { target_server: 'everything' },
      }),
    );
    assert.equal(target.code, -32003);
  } finally {
    await alice.client.close();
  }

  const bob = await connect(g.config, { env: { MCP_GUARD_API_KEY: 'bob-key-0123456789abcdef' } });
  try {
    await bob.client.connect(bob.transport);
    const tools = await allTools(bob.client);
    assert.ok(tools.length > 2);
    assert.ok(
      tools.every((n) => n.startsWith('fs__') || n === 'everything__get-sum'),
      `${tools}`,
    );
    assert.ok(tools.includes('everything__get-sum'));
    assert.equal(
      text(await bob.client.callTool({ name: 'everything__get-sum', arguments: { a: 2, b: 3 } })).includes(
        '5',
      ),
      true,
    );
    assert.equal((await rpcError(bob.client.callTool({ name: 'paged__echo', arguments: {} }))).code, -32003);
    // target_server picks the backend for an agent allowed to reach it; the bare name is the backend's.
    const listing = await bob.client.callTool({
      name: 'list_directory',
      arguments: { path: join(g.dir, 'data') },
      _meta: { target_server: 'fs' },
    });
    assert.match(text(listing), /note\.txt/);
  } finally {
    await bob.client.close();
  }
  const denied = g.records().filter((r) => r.decision === 'deny' && r.code === -32003);
  assert.ok(denied.some((r) => r.agent === 'alice') && denied.some((r) => r.agent === 'bob'));
});

test('progress and sampling reach the client through the per-backend id mapping', async () => {
  const g = multiDir(`auth: {mode: none}\n${SERVERS}`);
  const { client, transport } = await connect(g.config, { capabilities: { sampling: {} } });
  try {
    client.setRequestHandler(CreateMessageRequestSchema, async (request) => ({
      model: 'test-model',
      role: 'assistant',
      content: { type: 'text', text: `sampled ${request.params.messages.length}` },
    }));
    await client.connect(transport);
    // Watch the wire under the SDK client: every progress notification arrives, in order, with the
    // client's own token, ahead of the response. (The SDK's onprogress drops one it processes after the
    // response when both land in one chunk, modelcontextprotocol/typescript-sdk#2580, so under load it
    // may see fewer: that is the client's business, not the guard's.)
    const wire: Array<{ progress?: number; response?: boolean }> = [];
    const inner = transport.onmessage!;
    transport.onmessage = (message) => {
      const m = message as { method?: string; params?: { progress?: number }; result?: unknown };
      if (m.method === 'notifications/progress') wire.push({ progress: m.params?.progress });
      else if (m.result !== undefined && JSON.stringify(m.result).includes('Long running')) {
        wire.push({ response: true });
      }
      inner(message);
    };
    const progress: number[] = [];
    const long = await client.callTool(
      { name: 'everything__trigger-long-running-operation', arguments: { duration: 0.3, steps: 3 } },
      undefined,
      { onprogress: (p) => progress.push(p.progress) },
    );
    transport.onmessage = inner;
    assert.match(text(long), /Long running operation completed/);
    assert.deepEqual(wire, [{ progress: 1 }, { progress: 2 }, { progress: 3 }, { response: true }]);
    assert.deepEqual(progress, [1, 2, 3].slice(0, progress.length), 'what the SDK saw is in order');
    const sampled = await client.callTool({
      name: 'everything__trigger-sampling-request',
      arguments: { prompt: 'hi', maxTokens: 5 },
    });
    assert.match(text(sampled), /sampled 1/);
    assert.match(text(sampled), /test-model/);
  } finally {
    await client.close();
  }
});

test('guard check prints the effective policy per agent', async () => {
  const g = multiDir(
    AGENTS.replace(
      '    tool_allowlist: ["fs__*", "get-sum"]',
      '    tool_allowlist: ["fs__*", "get-sum"]\n    requests_per_minute: 5\n    approvals: false\n    require_approval_above: 10',
    ),
  );
  const r = await runCli(['guard', 'check', '--config', g.config]);
  assert.equal(r.code, 0, r.stderr);
  for (const want of [
    'namespacing: prefix',
    'agent alice: allowed all; denied get-env, echo',
    '    servers: fs, paged',
    'agent bob: allowed fs__*, get-sum; denied get-env',
    '    rate limit: 5 requests/minute',
    '    approval above: 10 (refused: this agent may not use approvals)',
  ])
    assert.ok(r.stdout.includes(want), `missing "${want}" in:\n${r.stdout}`);
  assert.ok(!r.stdout.includes('bob-key'));
});

test('a cancelled request is never answered, and late progress never leaks a guard token', async () => {
  const g = multiDir(`auth: {mode: none}\n${SERVERS}`);
  const guard = rawGuard(g.config);
  try {
    await cancelScenario(guard);
  } finally {
    guard.child.stdin.end();
  }
  assert.equal(await guard.exited, 0);
});

async function cancelScenario(guard: ReturnType<typeof rawGuard>): Promise<void> {
  guard.send({
    jsonrpc: '2.0',
    id: 'init',
    method: 'initialize',
    params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
  });
  const init = (await guard.response('init')) as { result: { protocolVersion: string } };
  assert.equal(init.result.protocolVersion, '2025-06-18');
  guard.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
  // The same id in flight at two backends (a list fanned out) and in a call are all told apart.
  guard.send({
    jsonrpc: '2.0',
    id: 7,
    method: 'tools/call',
    params: {
      name: 'everything__trigger-long-running-operation',
      arguments: { duration: 5, steps: 5 },
      _meta: { progressToken: 7 },
    },
  });
  guard.send({ jsonrpc: '2.0', id: 8, method: 'tools/list' });
  const list = (await guard.response(8)) as { result: { tools: unknown[] } };
  assert.ok(list.result.tools.length > 10);
  guard.send({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 7, reason: 'test' } });
  guard.send({ jsonrpc: '2.0', id: 9, method: 'ping' });
  await guard.response(9);
  await new Promise((r) => setTimeout(r, 1500));
  assert.equal(
    guard.out.filter((m) => m.id === 7).length,
    0,
    JSON.stringify(guard.out.filter((m) => m.id === 7)),
  );
  // Progress that arrived before the cancellation carried the client's own token.
  for (const m of guard.out.filter((m) => m.method === 'notifications/progress'))
    assert.equal((m.params as { progressToken: unknown }).progressToken, 7);
}
