// Builds the backend for a configured server: a supervisor over a child process (`command`) or over a
// remote Streamable HTTP session (`url`). The same supervisor, the same restart rules, either way.
import type { GuardServer } from '../../config/guard-types.ts';
import { ProcessConnection, type ProcessOptions } from './process.ts';
import { RemoteConnection, type RemoteOptions } from './remote.ts';
import { Supervisor, type SupervisorOptions } from './supervisor.ts';

/** Everything a backend is built with: limits, timings, where its notes go. */
export type BackendOptions = ProcessOptions & RemoteOptions & Omit<SupervisorOptions, 'remote'>;

/** The supervised backend for `server`. A server with neither `command` nor `url` throws here. */
export function createBackend(server: GuardServer, options: BackendOptions): Supervisor {
  if (server.url) {
    const remote = server;
    return new Supervisor(server.name, async () => new RemoteConnection(remote, options), {
      ...options,
      remote: true,
    });
  }
  if (!server.command) throw new Error(`server ${server.name}: needs a command (local) or a url (remote)`);
  return new Supervisor(server.name, () => ProcessConnection.spawn(server, options), options);
}

export { Supervisor } from './supervisor.ts';
export type { Backend, BackendState, CallOptions } from './types.ts';
