import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  closeSpendLeases
} from "./chunk-VWPGPIYQ.js";
import {
  auditPathFor,
  openGuardState
} from "./chunk-CGKOU7XJ.js";

// src/guard/start.ts
var GuardStartError = class extends Error {
  name = "GuardStartError";
};
async function startGuard(config, options = {}) {
  const log = options.log ?? ((line) => process.stderr.write(`${line}
`));
  const http = options.transport === "http";
  if (options.transport !== void 0 && !http && options.transport !== "stdio")
    throw new GuardStartError(`transport: expected stdio or http, got ${JSON.stringify(options.transport)}`);
  if (http) await checkAddress(config, options);
  const own = options.store === void 0 || options.audit === void 0 ? await openGuardState(config, log) : void 0;
  const store = options.store ?? own.store;
  const audit = options.audit ?? own.audit;
  if (own?.recovered) log(`mcp-guard: after a crash: ${own.recovered}`);
  const { startEviction } = await import("./evict-TL6XEWHB.js");
  const evict = startEviction(store, {
    onerror: (e) => log(`mcp-guard: store eviction failed: ${e.message}`)
  });
  const release = async () => {
    evict.stop();
    await closeSpendLeases(store);
    await own?.close();
  };
  const base = { auditPath: options.audit === void 0 ? own?.auditPath : void 0 };
  try {
    const owner = options.audit === void 0 ? own?.writer : void 0;
    const parts = { store, audit, log, release, owner };
    const started = http ? await startHttp(config, options, parts) : await startStdio(config, options, parts);
    return { ...base, ...started };
  } catch (error) {
    await release();
    throw error;
  }
}
async function checkAddress(config, options) {
  if (options.host !== void 0) config.http.host = options.host;
  if (options.port !== void 0) {
    if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535)
      throw new GuardStartError(`port: expected a port number from 0 to 65535, got ${options.port}`);
    config.http.port = options.port;
  }
  const { isLoopback } = await import("./security-2PBKR46G.js");
  if (config.auth.mode === "none" && !isLoopback(config.http.host) && !options.allowUnauthenticated) {
    throw new GuardStartError(
      `refusing to listen on ${config.http.host} with auth.mode none: anyone who can reach it could use the backends. Configure auth (api_key, jwt or oauth), bind 127.0.0.1, or pass --allow-unauthenticated.`
    );
  }
}
async function startStdio(config, options, parts) {
  const { store, audit, log, release, owner } = parts;
  const [{ createGuard }, { NdjsonTransport }] = await Promise.all([
    import("./guard-HB632DD7.js"),
    import("./ndjson-RWKNBL4R.js")
  ]);
  const input = options.input ?? process.stdin;
  const clientTransport = new NdjsonTransport(input, options.output ?? process.stdout, {
    maxMessageBytes: config.limits.maxMessageBytes,
    maxDepth: config.limits.maxDepth,
    // What the backends said goes to the client as they wrote it when nothing in it changed.
    sendRaw: true
  });
  let guard;
  try {
    guard = createGuard(config, {
      store,
      audit,
      clientTransport,
      server: options.server,
      log,
      env: options.env,
      owner
    });
  } catch (error) {
    throw new GuardStartError(error.message);
  }
  const closed = guard.closed.then(release).then(() => {
    if (input === process.stdin) process.stdin.destroy();
  });
  try {
    await guard.start();
  } catch (error) {
    await guard.close();
    throw new GuardStartError(error.message);
  }
  return {
    servers: [...guard.backends.keys()],
    closed,
    async close() {
      await guard.close();
      await closed;
    }
  };
}
async function startHttp(config, options, parts) {
  const { store, audit, log, release, owner } = parts;
  const [{ createHttpGuard }, { ApprovalDesk }] = await Promise.all([
    import("./server-ODRHXKZZ.js"),
    import("./desk-LGF2AXXN.js")
  ]);
  const desk = new ApprovalDesk({ store, config, audit, log });
  let guard;
  try {
    const mounts = config.console.enabled ? [await consoleMount(config, { store, audit, log, desk })] : [];
    if (config.auth.mode === "oauth" && config.auth.self) {
      const { createIssuer } = await import("./oauth-PNFTGQBL.js");
      mounts.push(await createIssuer(config, { store, audit, log }));
    }
    guard = createHttpGuard(config, {
      store,
      audit,
      log,
      server: options.server,
      env: options.env,
      desk,
      mounts,
      owner
    });
  } catch (error) {
    desk.close();
    throw new GuardStartError(error.message);
  }
  let base;
  try {
    base = await guard.listen();
  } catch (error) {
    await guard.close();
    throw new GuardStartError(
      `cannot listen on ${config.http.host}:${config.http.port}: ${error.message}`
    );
  }
  let resolveClosed;
  const closed = new Promise((resolve) => {
    resolveClosed = resolve;
  });
  let closing;
  const origin = config.http.publicUrl ? new URL(config.http.publicUrl).origin : base;
  if (config.console.enabled) log(`mcp-guard: console on ${origin}/console`);
  if (config.auth.mode === "oauth" && config.auth.self)
    log(
      `mcp-guard: OAuth authorization server on ${origin} (metadata: ${origin}/.well-known/oauth-authorization-server)`
    );
  return {
    url: `${base}/mcp`,
    servers: options.server !== void 0 ? [options.server] : Object.keys(config.servers),
    closed,
    close() {
      closing ??= guard.close().then(() => Promise.race([desk.notifier.idle(), new Promise((r) => setTimeout(r, 2e3).unref())])).then(release).then(() => resolveClosed());
      return closing;
    }
  };
}
async function consoleMount(config, parts) {
  const [{ createConsole }, { canonicalResource }, { isLoopback }] = await Promise.all([
    import("./console-OTGWIAP2.js"),
    import("./prm-EAHYPUHI.js"),
    import("./security-2PBKR46G.js")
  ]);
  if (!isLoopback(config.http.host) && !config.http.publicUrl?.startsWith("https:"))
    parts.log(
      "mcp-guard: warning: the console is served over plain HTTP on a non-loopback address; put it behind TLS and set http.public_url to its https URL"
    );
  return createConsole(config, {
    store: parts.store,
    audit: parts.audit,
    desk: parts.desk,
    // Decisions go to the audit sink the guard writes; the console reads the file the config names.
    auditPath: auditPathFor(config),
    resource: canonicalResource(config.http, "/mcp")
  });
}

export {
  GuardStartError,
  startGuard
};
