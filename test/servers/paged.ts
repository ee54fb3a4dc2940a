// A small MCP server for the multi-backend tests, written with the SDK's low-level `Server` so it
// can paginate: `tools/list` comes in two pages (cursor "page-2"). Its `echo` shares a name with
// server-everything's (a collision under `namespacing: none`), `announce` sends
// `notifications/tools/list_changed`, and one prompt (`greet`) exercises prompts/get routing.
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import {
  CallToolRequestSchema,
  GetPromptRequestSchema,
  ListPromptsRequestSchema,
  ListToolsRequestSchema,
} from '@modelcontextprotocol/sdk/types.js';

const schema = { type: 'object' as const, properties: { message: { type: 'string' } } };
const pages = [
  [
    { name: 'echo', description: 'Echoes with a paged: prefix', inputSchema: schema },
    { name: 'announce', description: 'Sends tools/list_changed', inputSchema: { type: 'object' as const } },
  ],
  [{ name: 'last', description: 'Only on the second page', inputSchema: { type: 'object' as const } }],
];

const server = new Server(
  { name: 'test-paged', version: '1.0.0' },
  { capabilities: { tools: { listChanged: true }, prompts: {} } },
);

server.setRequestHandler(ListToolsRequestSchema, async (request) =>
  request.params?.cursor === 'page-2' ? { tools: pages[1] } : { tools: pages[0], nextCursor: 'page-2' },
);

server.setRequestHandler(CallToolRequestSchema, async (request) => {
  const { name, arguments: args } = request.params;
  if (name === 'echo') return { content: [{ type: 'text', text: `paged: ${String(args?.message)}` }] };
  if (name === 'announce') {
    await server.sendToolListChanged();
    return { content: [{ type: 'text', text: 'announced' }] };
  }
  if (name === 'last') return { content: [{ type: 'text', text: 'last' }] };
  throw new Error(`unknown tool ${name}`);
});

server.setRequestHandler(ListPromptsRequestSchema, async () => ({
  prompts: [{ name: 'greet', description: 'Greets someone', arguments: [{ name: 'who', required: true }] }],
}));

server.setRequestHandler(GetPromptRequestSchema, async (request) => ({
  messages: [
    { role: 'user', content: { type: 'text', text: `hello ${String(request.params.arguments?.who)}` } },
  ],
}));

await server.connect(new StdioServerTransport());
