// The merged catalogue of one client session: which backend offers each tool and prompt (under the
// name the client sees) and each resource URI or URI template. Filled from every list the guard
// merges, consulted to route `tools/call`, `prompts/get`, `resources/read` and friends back to the
// backend that offered the item, with the original name restored.
import { prefixedName } from './naming.ts';

/** Where an exposed name lives: the backend and the name it has there. */
export interface ItemRef {
  server: string;
  name: string;
}

/** One list method the guard merges. */
export interface ListKind {
  /** The array in the result (`tools`, `prompts`, `resources`, `resourceTemplates`). */
  key: 'tools' | 'prompts' | 'resources' | 'resourceTemplates';
  /** The server capability that says a backend has this list. */
  capability: 'tools' | 'prompts' | 'resources';
}

/** The list methods the guard fans out and merges. */
export const LIST_METHODS: Record<string, ListKind> = {
  'tools/list': { key: 'tools', capability: 'tools' },
  'prompts/list': { key: 'prompts', capability: 'prompts' },
  'resources/list': { key: 'resources', capability: 'resources' },
  'resources/templates/list': { key: 'resourceTemplates', capability: 'resources' },
};

/** Two backends offer the same exposed name (with `namespacing: none`, or an unlucky prefix). */
export class CollisionError extends Error {
  constructor(what: string, name: string, first: string, second: string) {
    super(
      `${what} "${name}" is offered by both server ${first} and server ${second}; set namespacing: prefix (or rename one) in the guard config`,
    );
    this.name = 'CollisionError';
  }
}

type Item = Record<string, unknown>;

/** The catalogue; `prefix` renames tools and prompts, `none` keeps names (a collision is an error). */
export class Catalog {
  readonly namespacing: 'prefix' | 'none';
  readonly tools = new Map<string, ItemRef>();
  readonly prompts = new Map<string, ItemRef>();
  /** Resource URI -> backend. URIs are never renamed: they are addresses, not labels. */
  readonly resources = new Map<string, string>();
  /** URI template -> backend; a URI is matched against the literal part before the first `{`. */
  readonly templates = new Map<string, string>();

  constructor(namespacing: 'prefix' | 'none') {
    this.namespacing = namespacing;
  }

  /** The exposed name of a tool or prompt of `server`. */
  expose(server: string, name: string): string {
    return this.namespacing === 'prefix' ? prefixedName(server, name) : name;
  }

  /**
   * Takes one page of `server`'s list, renames its items for the client and records them. `first`:
   * this is the first page, so what the backend offered before is forgotten (it may have changed).
   */
  absorb(kind: ListKind, server: string, items: Item[], first: boolean): Item[] {
    const byName = kind.key === 'tools' ? this.tools : kind.key === 'prompts' ? this.prompts : undefined;
    if (byName) {
      if (first) for (const [k, ref] of byName) if (ref.server === server) byName.delete(k);
      const what = kind.key === 'tools' ? 'tool' : 'prompt';
      return items
        .filter((item) => typeof item.name === 'string')
        .map((item) => {
          const name = item.name as string;
          const exposed = this.expose(server, name);
          const seen = byName.get(exposed);
          if (seen && seen.server !== server) throw new CollisionError(what, exposed, seen.server, server);
          byName.set(exposed, { server, name });
          return exposed === name ? item : { ...item, name: exposed };
        });
    }
    const field = kind.key === 'resources' ? 'uri' : 'uriTemplate';
    const map = kind.key === 'resources' ? this.resources : this.templates;
    if (first) for (const [k, owner] of map) if (owner === server) map.delete(k);
    for (const item of items) {
      const uri = item[field];
      if (typeof uri !== 'string') continue;
      const seen = map.get(uri);
      if (seen !== undefined && seen !== server) {
        throw new CollisionError(
          kind.key === 'resources' ? 'resource' : 'resource template',
          uri,
          seen,
          server,
        );
      }
      map.set(uri, server);
    }
    return items;
  }

  /** The backend of a resource URI: listed resources first, then the longest matching template. */
  resourceServer(uri: string): string | undefined {
    const listed = this.resources.get(uri);
    if (listed !== undefined) return listed;
    let best: { server: string; length: number } | undefined;
    for (const [template, server] of this.templates) {
      const brace = template.indexOf('{');
      const literal = brace < 0 ? template : template.slice(0, brace);
      if (literal !== '' && uri.startsWith(literal) && (!best || literal.length > best.length)) {
        best = { server, length: literal.length };
      }
    }
    return best?.server;
  }
}
