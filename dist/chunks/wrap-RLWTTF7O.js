import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  loadConfigFile,
  normalize,
  parseGuardConfig,
  prepareSecrets,
  serverSecrets
} from "./chunk-GCOHDLV4.js";
import "./chunk-ZQGXCRLX.js";
import {
  argv,
  runsGuard
} from "./chunk-A257UFCZ.js";
import "./chunk-4X7LYCPC.js";
import "./chunk-ESICICS6.js";
import {
  applyEdits,
  member,
  modify,
  nodeAt,
  parseDocument,
  require_dist,
  toPlain
} from "./chunk-KVJWATDP.js";
import "./chunk-QP2JOC3K.js";
import "./chunk-QW46R6U7.js";
import {
  __toESM
} from "./chunk-3FEQ3C2E.js";

// src/wrap/index.ts
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";

// src/wrap/edit-client.ts
var YAML = __toESM(require_dist(), 1);

// src/wrap/edit-toml.ts
function editToml(doc, original, edits) {
  const eol = original.includes("\r\n") ? "\r\n" : "\n";
  const splices = [];
  for (const edit of edits) {
    const entry = findNode(doc.root, edit);
    if (entry?.kind !== "object") continue;
    if (original[entry.offset] === "{") {
      splices.push({
        start: entry.offset,
        end: entry.offset + entry.length,
        text: inlineRewrite(entry, edit)
      });
      continue;
    }
    const lines = (start, end) => {
      splices.push({ start: lineStart(original, start), end: lineEndAfter(original, end), text: "" });
    };
    const removeEntry = (e) => {
      const v = e.value;
      if (v.kind === "object" && original[v.offset] === "[") lines(v.offset, v.offset + v.length - 1);
      else if (v.kind === "object" && original[v.offset] !== "{")
        for (const c of v.entries) lines(c.keyOffset, c.value.offset + c.value.length - 1);
      else lines(e.keyOffset, v.offset + v.length - 1);
    };
    const inserts = [];
    for (const key of edit.remove) for (const e of entry.entries.filter((x) => x.key === key)) removeEntry(e);
    for (const [key, value] of edit.set) {
      const found = entry.entries.filter((x) => x.key === key);
      const last = found.at(-1);
      const simple = last && !(last.value.kind === "object" && original[last.value.offset] !== "{");
      if (last && simple && found.length === 1) {
        splices.push({
          start: last.value.offset,
          end: last.value.offset + last.value.length,
          text: tomlValue(value)
        });
      } else {
        for (const e of found) removeEntry(e);
        inserts.push(`${tomlKey(key)} = ${tomlValue(value)}${eol}`);
      }
    }
    if (inserts.length > 0) {
      const at = insertionPoint(original, entry);
      splices.push({ start: at, end: at, text: inserts.join("") });
    }
  }
  splices.sort((a, b) => b.start - a.start || b.end - a.end);
  let text = original;
  let floor = Number.POSITIVE_INFINITY;
  for (const s of splices) {
    if (s.end > floor) continue;
    text = text.slice(0, s.start) + s.text + text.slice(s.end);
    floor = s.start;
  }
  return text;
}
function findNode(root, edit) {
  let cur = root;
  for (const seg of edit.path) {
    if (cur?.kind === "object") cur = cur.entries.findLast((e) => e.key === String(seg))?.value;
    else if (cur?.kind === "array" && typeof seg === "number") cur = cur.items[seg];
    else return void 0;
  }
  return cur;
}
function insertionPoint(text, table) {
  let end = table.offset;
  for (const e of table.entries) {
    const v = e.value;
    if (v.kind === "object" && text[v.offset] === "[") continue;
    end = Math.max(end, v.offset + v.length - 1);
  }
  return lineEndAfter(text, end);
}
function inlineRewrite(entry, edit) {
  const plain = toPlain(entry);
  for (const key of edit.remove) delete plain[key];
  for (const [key, value] of edit.set) plain[key] = value;
  return tomlValue(plain);
}
function lineStart(text, offset) {
  return text.lastIndexOf("\n", offset - 1) + 1;
}
function lineEndAfter(text, offset) {
  const nl = text.indexOf("\n", offset);
  return nl < 0 ? text.length : nl + 1;
}
function tomlKey(key) {
  return /^[A-Za-z0-9_-]+$/.test(key) ? key : JSON.stringify(key);
}
function tomlValue(value) {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[${value.map(tomlValue).join(", ")}]`;
  if (value && typeof value === "object") {
    const parts = Object.entries(value).map(([k, v]) => `${tomlKey(k)} = ${tomlValue(v)}`);
    return parts.length > 0 ? `{ ${parts.join(", ")} }` : "{}";
  }
  return '""';
}

// src/wrap/edit-client.ts
var ENV_KEYS = ["env", "environment", "envs"];
function entryEdit(doc, server) {
  const path = server.spec.path;
  const entry = nodeAt(doc.root, path);
  const present = (k) => member(entry, k) !== void 0;
  const edit = { path, set: [], remove: [] };
  const [program, ...rest] = server.launch;
  const command = member(entry, "command");
  if (command?.kind === "array") {
    edit.set.push(["command", server.launch]);
    if (present("args")) edit.remove.push("args");
  } else if (command?.kind === "object") {
    edit.set.push(["command", { path: program, args: rest }]);
    if (present("args")) edit.remove.push("args");
  } else {
    edit.set.push([command ? "command" : "cmd", program], ["args", rest]);
  }
  const envKey = ENV_KEYS.find(present) ?? "env";
  for (const k of ENV_KEYS) if (present(k) && k !== envKey) edit.remove.push(k);
  if (Object.keys(server.clientEnv).length > 0) edit.set.push([envKey, server.clientEnv]);
  else if (present(envKey)) edit.remove.push(envKey);
  if (present("cwd")) edit.remove.push("cwd");
  return edit;
}
function applyEntryEdits(doc, original, edits) {
  if (doc.format === "toml") return editToml(doc, original, edits);
  if (doc.format === "yaml") return editYaml(original, edits);
  return editJson(original, edits);
}
function editJson(original, edits) {
  const bom = original.charCodeAt(0) === 65279 ? "\uFEFF" : "";
  let text = bom ? original.slice(1) : original;
  const options = { formattingOptions: detectFormatting(text) };
  const apply = (path, value) => {
    text = applyEdits(text, modify(text, [...path], value, options));
  };
  for (const e of edits) {
    for (const key of e.remove) apply([...e.path, key], void 0);
    for (const [key, value] of e.set) apply([...e.path, key], value);
  }
  return bom + text;
}
function detectFormatting(text) {
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const indents = [...text.matchAll(/^([ \t]+)\S/gm)].map((m) => m[1]);
  if (indents.some((i) => i.startsWith("	"))) return { insertSpaces: false, tabSize: 1, eol };
  const sizes = indents.map((i) => i.length).filter((n) => n > 0);
  const tabSize = sizes.length > 0 ? Math.min(...sizes) : 2;
  return { insertSpaces: true, tabSize, eol };
}
function editYaml(original, edits) {
  const doc = YAML.parseDocument(original);
  for (const e of edits) {
    for (const key of e.remove) doc.deleteIn([...e.path, key]);
    for (const [key, value] of e.set) {
      const node = doc.createNode(value);
      if (YAML.isSeq(node)) node.flow = true;
      doc.setIn([...e.path, key], node);
    }
  }
  return doc.toString({ lineWidth: 0 });
}

// src/wrap/guard-file.ts
var YAML2 = __toESM(require_dist(), 1);

// src/wrap/plan.ts
var WrapError = class extends Error {
};
var CLIENT_ENV_REF = {
  cursor: (n) => `\${env:${n}}`,
  vscode: (n) => `\${env:${n}}`,
  windsurf: (n) => `\${env:${n}}`,
  "amazon-q": (n) => `\${env:${n}}`,
  "claude-code": (n) => `\${${n}}`
};
async function planWrap(config, opts) {
  if (config.client === "mcp-guard")
    throw new WrapError(`${config.file} is a guard config already; give a client's config file`);
  const wanted = opts.servers ?? [];
  const names = new Set(config.servers.map((s) => s.name));
  const unknown = wanted.filter((n) => !names.has(n));
  if (unknown.length > 0)
    throw new WrapError(
      `no server named ${unknown.map((n) => JSON.stringify(n)).join(", ")} in ${config.file} (servers: ${[...names].join(", ") || "none"})`
    );
  await prepareSecrets(config);
  const plan = { wrapped: [], skipped: [], warnings: [] };
  const seen = /* @__PURE__ */ new Set();
  for (const spec of config.servers) {
    if (wanted.length > 0 && !wanted.includes(spec.name)) continue;
    if (seen.has(spec.name)) {
      plan.skipped.push({ name: spec.name, reason: "a server of the same name was wrapped already" });
      continue;
    }
    const reason = skipReason(spec, config);
    if (reason) {
      plan.skipped.push({ name: spec.name, reason });
      continue;
    }
    seen.add(spec.name);
    plan.wrapped.push(wrapOne(spec, config, opts, plan.warnings));
  }
  return plan;
}
function skipReason(spec, config) {
  if (spec.transport !== "stdio" || spec.url && !spec.command)
    return `remote (${spec.transport}) server: the guard wraps servers it launches over stdio; remote ones stay as they are`;
  const words = argv(spec);
  if (words.length === 0) return "no command to launch";
  if (runsGuard(words.map((w) => w.text))) return "already launched through mcp-guard guard";
  const entry = nodeAt(config.document.root, spec.path);
  const command = member(entry, "command");
  if (command?.kind === "object" && config.document.format === "toml")
    return "command given as a table, which wrap does not rewrite";
  return void 0;
}
function wrapOne(spec, config, opts, warnings) {
  const clientEnv = {};
  const env = {};
  const envNotes = {};
  const secrets = serverSecrets(spec, config);
  const secretAt = (v) => secrets.find((s) => s.value === v);
  const clientRef = CLIENT_ENV_REF[config.client];
  for (const [key, v] of Object.entries(spec.env)) {
    const site = secretAt(v);
    if (hasBraceRef(v)) {
      clientEnv[key] = v.value;
      env[key] = `\${${key}}`;
    } else if (site && opts.moveSecretsToEnv) {
      env[key] = `\${${key}}`;
      if (clientRef) clientEnv[key] = clientRef(key);
      warnings.push(
        `server "${spec.name}": env.${key} held a literal ${site.kind} (${site.preview}); the guard config now reads it as \${${key}}. ` + (clientRef ? `The client entry passes ${clientRef(key)}: set ${key} in the environment the client starts from, and rotate the old value.` : `Set ${key} in the environment the client starts the guard with (the guard refuses to start while it is unset), and rotate the old value.`)
      );
    } else {
      env[key] = v.value;
      if (site) {
        envNotes[key] = `literal ${site.kind}: prefer ${key}: \${${key}} and set ${key} where the guard runs`;
        warnings.push(
          `server "${spec.name}": env.${key} holds a literal ${site.kind} (${site.preview}); it moves into the guard config (written owner-only, 0600). To keep it out of files, write ${key}: \${${key}} under servers.${spec.name}.env there (or rerun with --move-secrets-to-env) and set ${key} in the environment the guard runs in.`
        );
      }
    }
  }
  for (const site of secrets) {
    if (Object.values(spec.env).includes(site.value)) continue;
    warnings.push(
      `server "${spec.name}": ${site.where} holds a literal ${site.kind} (${site.preview}); it moves into the guard config as written. Pass it through env instead if the server can read it from there.`
    );
  }
  if (spec.envFile)
    warnings.push(
      `server "${spec.name}": envFile ${spec.envFile.value} stays in the client entry; its variables reach the guard but the guard passes only the names listed under servers.${spec.name}.env to the server (add NAME: \${NAME} for each)`
    );
  const entry = nodeAt(config.document.root, spec.path);
  const envVars = member(entry, "env_vars");
  if (envVars?.kind === "array") {
    for (const item of envVars.items)
      if (item.kind === "string" && !(item.value in env)) env[item.value] = `\${${item.value}:-}`;
  }
  const words = argv(spec).map((w) => w.text);
  const viaEnv = (text, source) => {
    if (!source || !hasBraceRef(source)) return text;
    let out = text;
    for (const ref of source.refs.filter((r) => r.text.startsWith("${"))) {
      const name = envNameFor(ref, clientEnv, spec.env);
      clientEnv[name] = ref.text;
      out = out.split(ref.text).join(`\${${name}}`);
    }
    return out;
  };
  const sources = argv(spec).map((w) => w.source);
  const guardWords = words.map((w, i) => viaEnv(w, sources[i]));
  const guard = {
    command: shellWord(guardWords[0]),
    args: guardWords.slice(1),
    env,
    envNotes
  };
  if (spec.cwd) guard.cwd = viaEnv(spec.cwd.value, spec.cwd);
  const launch = [...opts.launcher, "guard", "serve", "--config", opts.guardConfig, "--server", spec.name];
  return { spec, guard, launch, clientEnv };
}
function hasBraceRef(v) {
  return v.refs.some((r) => r.text.startsWith("${"));
}
function envNameFor(ref, taken, env) {
  const base = ref.kind === "env" && /^[A-Za-z_][A-Za-z0-9_]*$/.test(ref.name) ? ref.name : `MCP_GUARD_${ref.kind === "other" ? "" : `${ref.kind.toUpperCase()}_`}${ref.name.replace(/[^A-Za-z0-9]+/g, "_").toUpperCase()}`;
  let name = base;
  for (let i = 2; name in taken ? taken[name] !== ref.text : name in env; i++) name = `${base}_${i}`;
  return name;
}
function shellWord(word) {
  return /\s/.test(word) && !word.includes("'") ? `'${word}'` : word;
}

// src/wrap/guard-file.ts
function guardConfigText(existing, servers, outFile, clientFile) {
  const doc = existing === void 0 ? freshDocument(clientFile) : parseExisting(existing, outFile);
  if (!doc.has("servers")) doc.set("servers", doc.createNode({}));
  for (const s of servers) {
    const name = s.spec.name;
    const plain = plainEntry(s.guard);
    const current = doc.getIn(["servers", name]);
    if (current !== void 0) {
      const same = JSON.stringify(YAML2.isNode(current) ? current.toJSON() : current) === JSON.stringify(plain);
      if (same) continue;
      throw new WrapError(
        `${outFile} already has a server named "${name}" with a different launch; choose another --out, or rename one of them`
      );
    }
    const node = doc.createNode(plain);
    const env = node.get("env", true);
    for (const [key, note] of Object.entries(s.guard.envNotes)) {
      const value = env?.get(key, true);
      if (value) value.comment = ` ${note}`;
    }
    node.commentBefore = ` moved from ${clientFile}`;
    doc.setIn(["servers", name], node);
  }
  const text = doc.toString({ lineWidth: 0 });
  validate(text, outFile);
  return text;
}
function plainEntry(g) {
  const out = { command: g.command };
  if (g.args.length > 0) out.args = g.args;
  if (Object.keys(g.env).length > 0) out.env = g.env;
  if (g.cwd !== void 0) out.cwd = g.cwd;
  return out;
}
function freshDocument(clientFile) {
  const doc = new YAML2.Document({
    auth: { mode: "none" },
    servers: {},
    audit: { path: ".mcp-guard/audit.jsonl" }
  });
  doc.commentBefore = [
    " mcp-guard guard config, written by `mcp-guard guard wrap`.",
    ` The client (${clientFile}) starts each server below through`,
    " `mcp-guard guard serve --config <this file> --server <name>`; reference: docs/guard-config.md."
  ].join("\n");
  const root = doc.contents;
  const comment = (key, text) => {
    const pair = root.items.find((p) => YAML2.isScalar(p.key) && p.key.value === key);
    if (pair && YAML2.isScalar(pair.key)) pair.key.commentBefore = text;
  };
  comment(
    "auth",
    [
      " The guard runs over stdio here: the client that starts it is its only caller, so there is no",
      " one to authenticate. Before adding an `http:` section, switch to api_key or jwt (scanner rule MG210)."
    ].join("\n")
  );
  comment(
    "audit",
    " Every call is recorded (hash-chained; check it with `mcp-guard guard audit verify <file>`)."
  );
  return doc;
}
function parseExisting(text, outFile) {
  const doc = YAML2.parseDocument(text);
  if (doc.errors.length > 0)
    throw new WrapError(`${outFile}: cannot parse: ${doc.errors[0].message.split("\n")[0]}`);
  if (doc.contents !== null && !YAML2.isMap(doc.contents))
    throw new WrapError(`${outFile}: expected a guard config (a mapping with auth, servers ...)`);
  const servers = doc.get("servers", true);
  if (servers !== void 0 && !YAML2.isMap(servers))
    throw new WrapError(`${outFile}: servers is not a mapping`);
  return doc;
}
function validate(text, outFile) {
  const anyValue = new Proxy({}, { get: () => "set-at-run-time" });
  try {
    parseGuardConfig(text, outFile, anyValue);
  } catch (error) {
    throw new WrapError(`the guard config would not load: ${error.message}`);
  }
}

// src/wrap/index.ts
async function wrapClientConfig(opts) {
  const clientFile = resolve(opts.file);
  const guardFile = resolve(opts.out);
  if (!/\.ya?ml$/i.test(guardFile)) throw new WrapError(`--out: give a .yaml file (got ${opts.out})`);
  if (guardFile === clientFile) throw new WrapError("--out: must differ from the client config file");
  const loaded = await loadConfigFile(clientFile, opts.client, "user");
  if (!loaded.ok) throw new WrapError(`${clientFile}: ${loaded.message}`);
  const { config } = loaded;
  const problem = config.document.errors[0];
  if (problem)
    throw new WrapError(
      `${clientFile}:${problem.line}:${problem.column}: ${problem.message}; fix the file before wrapping it`
    );
  const plan = await planWrap(config, {
    servers: opts.servers,
    guardConfig: guardFile,
    launcher: opts.launcher,
    moveSecretsToEnv: opts.moveSecretsToEnv
  });
  const clientBefore = await readFile(clientFile, "utf8");
  const guardBefore = await readFile(guardFile, "utf8").catch((error) => {
    if (error.code === "ENOENT") return void 0;
    throw new WrapError(`cannot read ${guardFile}: ${error.code ?? error.message}`);
  });
  const clientAfter = plan.wrapped.length === 0 ? clientBefore : applyEntryEdits(
    config.document,
    clientBefore,
    plan.wrapped.map((s) => entryEdit(config.document, s))
  );
  if (plan.wrapped.length > 0)
    checkRewrite(clientFile, config.client, config.document.format, clientAfter, plan.wrapped);
  const guardAfter = plan.wrapped.length === 0 ? guardBefore ?? "" : guardConfigText(guardBefore, plan.wrapped, guardFile, clientFile);
  return {
    clientFile,
    client: config.client,
    clientBefore,
    clientAfter,
    guardFile,
    guardBefore,
    guardAfter,
    ...plan
  };
}
function checkRewrite(file, client, format, text, wrapped) {
  const doc = parseDocument(text, format);
  if (doc.errors.length > 0)
    throw new Error(`wrap produced an unparseable ${file} (${doc.errors[0].message}); nothing was written`);
  const servers = normalize(file, client, "user", doc).servers;
  for (const w of wrapped) {
    const spec = servers.find((s) => s.name === w.spec.name);
    if (!spec || !runsGuard(argv(spec).map((x) => x.text)))
      throw new Error(`wrap could not rewrite server "${w.spec.name}" in ${file}; nothing was written`);
  }
}
export {
  WrapError,
  wrapClientConfig
};
