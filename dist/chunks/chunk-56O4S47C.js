import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  clientById,
  discoverMachine,
  discoverRepo,
  fileSecrets,
  findRefs,
  guardRefs,
  isPlaceholder,
  isSecretName,
  loadConfigFile,
  locateIssue,
  looksLikeSecret,
  prepareSecrets,
  preview,
  serverSecrets
} from "./chunk-GCOHDLV4.js";
import {
  external_exports
} from "./chunk-ZQGXCRLX.js";
import {
  MIN_HS_SECRET_BYTES,
  argv,
  endpoints,
  programName,
  runsGuard,
  splitShell
} from "./chunk-A257UFCZ.js";
import {
  PROJECT_URL
} from "./chunk-KMSCNTC6.js";
import {
  require_picomatch
} from "./chunk-4X7LYCPC.js";
import {
  isLoopbackListen,
  require_ipaddr
} from "./chunk-UAZV4FOR.js";
import {
  formatPath,
  offsetOf,
  parseDocument,
  toPlain
} from "./chunk-KVJWATDP.js";
import {
  __commonJS,
  __toESM
} from "./chunk-3FEQ3C2E.js";

// node_modules/damerau-levenshtein/index.js
var require_damerau_levenshtein = __commonJS({
  "node_modules/damerau-levenshtein/index.js"(exports, module) {
    module.exports = function(__this, that, limit) {
      var thisLength = __this.length, thatLength = that.length, matrix = [];
      limit = (limit || (thatLength > thisLength ? thatLength : thisLength)) + 1;
      for (var i = 0; i < limit; i++) {
        matrix[i] = [i];
        matrix[i].length = limit;
      }
      for (i = 0; i < limit; i++) {
        matrix[0][i] = i;
      }
      if (Math.abs(thisLength - thatLength) > (limit || 100)) {
        return prepare(limit || 100);
      }
      if (thisLength === 0) {
        return prepare(thatLength);
      }
      if (thatLength === 0) {
        return prepare(thisLength);
      }
      var j, this_i, that_j, cost, min, t;
      for (i = 1; i <= thisLength; ++i) {
        this_i = __this[i - 1];
        for (j = 1; j <= thatLength; ++j) {
          if (i === j && matrix[i][j] > 4) return prepare(thisLength);
          that_j = that[j - 1];
          cost = this_i === that_j ? 0 : 1;
          min = matrix[i - 1][j] + 1;
          if ((t = matrix[i][j - 1] + 1) < min) min = t;
          if ((t = matrix[i - 1][j - 1] + cost) < min) min = t;
          matrix[i][j] = i > 1 && j > 1 && this_i === that[j - 2] && __this[i - 2] === that_j && (t = matrix[i - 2][j - 2] + cost) < min ? t : min;
        }
      }
      return prepare(matrix[thisLength][thatLength]);
      function prepare(steps) {
        var length = Math.max(thisLength, thatLength);
        var relative2 = length === 0 ? 0 : steps / length;
        var similarity = 1 - relative2;
        return {
          steps,
          relative: relative2,
          similarity
        };
      }
    };
  }
});

// src/scan/severity.ts
var SEVERITIES = ["critical", "high", "medium", "low"];
function atLeast(s, min) {
  return SEVERITIES.indexOf(s) <= SEVERITIES.indexOf(min);
}
function failing(findings, failOn) {
  return failOn === "none" ? [] : findings.filter((f) => atLeast(f.severity, failOn));
}
function compareSeverity(a, b) {
  return SEVERITIES.indexOf(b) - SEVERITIES.indexOf(a);
}
function lowerSeverity(s) {
  return SEVERITIES[Math.min(SEVERITIES.indexOf(s) + 1, SEVERITIES.length - 1)];
}
function highestSeverity(findings) {
  return findings.map((f) => f.severity).sort(compareSeverity).at(-1);
}

// src/scan/rule.ts
function ruleHelpUri(name) {
  return `${PROJECT_URL}/blob/main/rules/${name}.md`;
}
function defineRule(rule) {
  if (!/^MG\d{3}$/.test(rule.code)) throw new Error(`bad rule code ${rule.code}`);
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(rule.name)) throw new Error(`bad rule name ${rule.name}`);
  return { ...rule, helpUri: ruleHelpUri(rule.name) };
}
function renderMessage(template, data = {}) {
  return template.replace(/\{(\w+)\}/g, (whole, key) => key in data ? String(data[key]) : whole);
}

// rules/auto-approve.ts
var SHOWN = 5;
function list(tools) {
  const more = tools.length > SHOWN ? ` and ${tools.length - SHOWN} more` : "";
  return tools.slice(0, SHOWN).join(", ") + more;
}
var MESSAGES = {
  all: 'every tool of server "{server}" runs without asking ({key})',
  some: '{count} tool(s) of server "{server}" run without asking: {tools}',
  projectServers: "enableAllProjectMcpServers: every server in a project .mcp.json starts without asking",
  projectServersOf: "enableAllProjectMcpServers for project {project}: every server in its .mcp.json starts without asking",
  everyTool: "every tool of every server runs without asking ({key})",
  tools: "{count} tool(s) run without asking ({key}): {tools}",
  commands: "the commands the model writes run without asking, inside the sandbox ({key})"
};
var CODEX_SERVER_KEYS = {
  default_tools_approval_mode: {
    shown: 'default_tools_approval_mode = "approve"',
    fix: 'set default_tools_approval_mode = "prompt", or remove it (Codex then asks before tools marked destructive)'
  },
  approval_mode: {
    shown: 'approval_mode = "approve"',
    fix: 'set approval_mode = "prompt" for these tools, or remove it'
  }
};
function reportGrant(g, ctx) {
  const fix = g.fix;
  switch (g.grants) {
    case "commands":
      ctx.report({ path: g.path, message: "commands", data: { key: g.setting }, fix });
      return;
    case "project-servers":
      ctx.report({
        path: g.path,
        message: g.project === void 0 ? "projectServers" : "projectServersOf",
        data: { project: g.project ?? "" }
      });
      return;
    case "all-tools":
      ctx.report({ path: g.path, message: "everyTool", data: { key: g.setting }, severity: "high", fix });
      return;
    case "server":
      ctx.report({
        path: g.path,
        message: "all",
        data: { server: g.server ?? "", key: g.setting },
        severity: "high",
        server: g.server
      });
      return;
    case "tools": {
      const tools = g.tools ?? [];
      if (g.server === void 0) {
        ctx.report({
          path: g.path,
          message: "tools",
          data: { count: tools.length, key: g.setting, tools: list(tools) },
          fix
        });
        return;
      }
      ctx.report({
        path: g.path,
        message: "some",
        data: { server: g.server, count: tools.length, tools: list(tools) },
        server: g.server,
        fix
      });
    }
  }
}
var auto_approve_default = defineRule({
  code: "MG202",
  name: "auto-approve",
  severity: "medium",
  precision: "high",
  summary: 'Tool calls are approved without asking (autoApprove, alwaysAllow, trust, permissions.allow, chat.tools.autoApprove, enableAllProjectMcpServers, GOOSE_MODE: auto, Codex approval_policy = "never").',
  description: 'Clients ask before running a tool so that a person can stop a harmful call. `autoApprove` / `alwaysAllow` (Cline, Roo Code, Kiro, Amazon Q), Gemini CLI `trust: true`, Claude Code `permissions.allow` entries naming MCP tools (`mcp__github` approves a whole server), `permissions.defaultMode: bypassPermissions` and `enableAllProjectMcpServers`, VS Code `chat.tools.autoApprove`, Zed `always_allow_tool_actions`, Goose `GOOSE_MODE: auto` and the `user.always_allow` list of its `permission.yaml`, Codex `approval_policy = "never"` (with the sandbox off, every MCP tool too) and the `default_tools_approval_mode = "approve"` of a Codex server skip that step: a prompt injection hidden in a web page, an issue or a file the agent reads can then make it call those tools with no one looking. Approving every tool of a server, or of every server, is reported as high; a short list of read-only tools is a smaller risk, but review it.',
  help: [
    "Approve only read-only tools, or none. Unsafe:",
    "",
    "```json",
    '{ "mcpServers": { "github": { "command": "github-mcp-server", "autoApprove": ["*"] } } }',
    "```",
    "",
    "Safe:",
    "",
    "```json",
    '{ "mcpServers": { "github": { "command": "github-mcp-server", "autoApprove": [] } } }',
    "```",
    "",
    'For Gemini CLI remove `"trust": true`; for Claude Code remove `enableAllProjectMcpServers` and approve project servers one by one; for Goose set `GOOSE_MODE: approve` or `smart_approve`; for Codex set `approval_policy = "on-request"` and `default_tools_approval_mode = "prompt"`.'
  ].join("\n"),
  fix: "remove the auto-approval, or limit it to read-only tools",
  tags: ["security", "human-in-the-loop", "external/cwe/cwe-862"],
  messages: MESSAGES,
  checkServer(server, ctx) {
    for (const auto of server.autoApprove) {
      const last = String(auto.path[auto.path.length - 1]);
      const codex = ctx.config.client === "codex" ? CODEX_SERVER_KEYS[last] : void 0;
      const key = codex?.shown ?? last;
      if (auto.tools === "all") {
        ctx.report({
          path: auto.path,
          message: "all",
          data: { server: server.name, key },
          severity: "high",
          fix: codex?.fix
        });
        continue;
      }
      ctx.report({
        path: auto.path,
        message: "some",
        data: { server: server.name, count: auto.tools.length, tools: list(auto.tools) },
        fix: codex?.fix
      });
    }
  },
  checkFile(config, ctx) {
    for (const grant of config.approvals) reportGrant(grant, ctx);
  }
});

// rules/utils/package-specs.ts
var SEMVER_EXACT = /^[v=]?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;
var COMMIT = /^[0-9a-f]{7,40}$/i;
var VERSION_TAG = /^v?\d+(?:\.\d+){1,3}(?:[-.+]?[0-9A-Za-z.]+)?$/;
var LOCAL = /^(?:\.{1,2}(?:[\\/]|$)|[\\/]|~|[A-Za-z]:[\\/]|file:)/;
function isLocalSpec(spec) {
  return LOCAL.test(spec) || /\.(?:tgz|tar\.gz|whl)$/i.test(spec) && !/^[a-z+]+:/i.test(spec);
}
function gitPin(ref) {
  if (!ref) return "none";
  const r = ref.replace(/^semver:/, "");
  if (COMMIT.test(r) || VERSION_TAG.test(r) || SEMVER_EXACT.test(r)) return "exact";
  return "none";
}
function parseNpmSpec(spec) {
  const base = { ecosystem: "npm", spec };
  if (findRefs(spec).length > 0) return { ...base, name: spec, pin: "dynamic" };
  if (isLocalSpec(spec)) return { ...base, name: spec, pin: "local" };
  const aliased = spec.replace(/^npm:/, "");
  if (/^(?:git\+|git:|github:|gitlab:|bitbucket:|gist:|https?:)/.test(aliased) || /^[^@][^@]*\//.test(aliased)) {
    const [name2, ref] = aliased.split("#", 2);
    if (/^https?:/.test(aliased) && !/\.git(?:#|$)/.test(aliased) && /\.tgz$/.test(name2))
      return { ...base, name: name2, pin: "exact" };
    return { ...base, name: name2, version: ref, pin: gitPin(ref) };
  }
  const at = aliased.indexOf("@", aliased.startsWith("@") ? 1 : 0);
  if (at < 0) return { ...base, name: aliased, pin: "none" };
  const name = aliased.slice(0, at);
  const version = aliased.slice(at + 1);
  if (version === "" || version === "*") return { ...base, name, version, pin: "none" };
  if (version === "latest") return { ...base, name, version, pin: "latest" };
  if (SEMVER_EXACT.test(version)) return { ...base, name, version, pin: "exact" };
  const pin = /^[A-Za-z][\w.-]*$/.test(version) && !/^v?\d/.test(version) ? "tag" : "range";
  return { ...base, name, version, pin };
}
function parsePythonSpec(spec) {
  const base = { ecosystem: "pypi", spec };
  const s = spec.trim();
  if (findRefs(s).length > 0) return { ...base, name: s, pin: "dynamic" };
  if (isLocalSpec(s)) return { ...base, name: s, pin: "local" };
  const direct = /^(?:([A-Za-z0-9][\w.-]*)(?:\[[^\]]*\])?\s*@\s*)?((?:git\+|hg\+|https?:)\S+)$/.exec(s);
  if (direct) {
    const url = direct[2];
    const vcs = /^(git|hg)\+/.test(url);
    const at = vcs ? /@([^@/]+)$/.exec(url.replace(/#.*$/, "")) : null;
    const name2 = direct[1] ?? url;
    if (!vcs) return { ...base, name: name2, pin: /\.(?:whl|tar\.gz|zip)$/i.test(url) ? "exact" : "none" };
    return { ...base, name: name2, version: at?.[1], pin: gitPin(at?.[1]) };
  }
  const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?\s*(.*)$/.exec(s);
  if (!m) return { ...base, name: s, pin: "none" };
  const name = m[1];
  const rest = m[3].replace(/;.*$/, "").trim();
  if (rest === "") return { ...base, name, pin: "none" };
  if (rest.startsWith("@")) {
    const version = rest.slice(1).trim();
    if (version === "latest") return { ...base, name, version, pin: "latest" };
    return { ...base, name, version, pin: /^\d[\w.+!-]*$/.test(version) ? "exact" : "range" };
  }
  const exact = /^===?\s*([^,*\s]+)$/.exec(rest);
  if (exact) return { ...base, name, version: exact[1], pin: "exact" };
  return { ...base, name, version: rest, pin: "range" };
}
function parseImageRef(spec) {
  const base = { ecosystem: "oci", spec };
  if (findRefs(spec).length > 0) return { ...base, name: spec, pin: "dynamic" };
  let rest = spec.replace(/^docker:\/\//, "");
  let digest;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const slash = rest.lastIndexOf("/");
  const colon = rest.lastIndexOf(":");
  const tag = colon > slash ? rest.slice(colon + 1) : void 0;
  const name = colon > slash ? rest.slice(0, colon) : rest;
  if (digest && /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[0-9a-f]{32,}$/i.test(digest))
    return { ...base, name, version: tag, digest, pin: "digest" };
  if (tag === void 0 || tag === "") return { ...base, name, pin: "none" };
  if (tag === "latest") return { ...base, name, version: tag, pin: "latest" };
  return { ...base, name, version: tag, pin: "tag" };
}
function shortImageName(name) {
  return name.toLowerCase().replace(/^(?:docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, "").replace(/^library\//, "");
}

// rules/utils/shells.ts
import { Buffer as Buffer2 } from "node:buffer";
var POSIX_SHELLS = /* @__PURE__ */ new Set(["sh", "bash", "zsh", "dash", "ksh", "ash", "fish"]);
var POWERSHELLS = /* @__PURE__ */ new Set(["powershell", "pwsh"]);
function splitWord(word, text = word.text) {
  return splitShell(text).map((t) => ({ text: t, source: word.source }));
}
var POSIX_VALUED = /* @__PURE__ */ new Set(["-o", "+o", "-O", "+O", "--rcfile", "--init-file", "--init-command", "-C"]);
function posix(words) {
  let flag;
  for (let i = 1; i < words.length; i++) {
    const t = words[i].text;
    if (t === "--" || !/^[-+]/.test(t)) {
      if (!flag) return void 0;
      const at = t === "--" ? i + 1 : i;
      const scriptWord = words[at];
      if (!scriptWord) return void 0;
      return { flag, script: scriptWord.text, encoded: false, scriptWord, inner: splitWord(scriptWord) };
    }
    if (t === "--command") flag = words[i];
    else if (t.startsWith("--command=")) {
      const script = t.slice("--command=".length);
      return {
        flag: words[i],
        script,
        encoded: false,
        scriptWord: words[i],
        inner: splitWord(words[i], script)
      };
    } else if (/^-[A-Za-z]*c[A-Za-z]*$/.test(t)) flag = words[i];
    else if (POSIX_VALUED.has(t)) i++;
  }
  return void 0;
}
function cmd(words) {
  for (let i = 1; i < words.length; i++) {
    const t = words[i].text;
    const m = /^\/[ck](.*)$/is.exec(t);
    if (m) {
      const rest = words.slice(i + 1);
      const glued = m[1].trim();
      const inner = [
        ...glued ? splitWord(words[i], glued) : [],
        ...rest.flatMap((w) => /\s/.test(w.text) ? splitWord(w) : [w])
      ];
      const scriptWord = glued ? words[i] : rest[0];
      if (!scriptWord) return void 0;
      const script = [glued, ...rest.map((w) => w.text)].filter(Boolean).join(" ");
      return { flag: words[i], script, encoded: false, scriptWord, inner };
    }
    if (!t.startsWith("/")) return void 0;
  }
  return void 0;
}
function powershellFlag(t) {
  const p = t.toLowerCase();
  if (!/^[-/]/.test(p)) return void 0;
  const name = p.slice(1);
  if (name === "c" || name.length >= 3 && "command".startsWith(name)) return "command";
  if (name === "e" || name === "ec" || name.length >= 2 && "encodedcommand".startsWith(name))
    return "encoded";
  if (name === "f" || name.length >= 2 && "file".startsWith(name)) return "file";
  return void 0;
}
var PS_VALUED = /^[-/](ex|ep|executionpolicy|w|windowstyle|v|version|inputformat|if|outputformat|of|o|configurationname|config|workingdirectory|wd|settingsfile|psconsolefile)$/i;
function powershell(words) {
  for (let i = 1; i < words.length; i++) {
    const t = words[i].text;
    const kind = powershellFlag(t);
    if (kind === "file") return void 0;
    if (kind === "command") {
      const rest = words.slice(i + 1);
      if (rest.length === 0) return void 0;
      const script = rest.map((w) => w.text).join(" ");
      return {
        flag: words[i],
        script,
        encoded: false,
        scriptWord: rest[0],
        inner: rest.flatMap((w) => splitWord(w))
      };
    }
    if (kind === "encoded") {
      const value = words[i + 1];
      if (!value) return void 0;
      const script = decodeUtf16(value.text);
      return { flag: words[i], script, encoded: true, scriptWord: value, inner: splitWord(value, script) };
    }
    if (PS_VALUED.test(t)) i++;
    else if (!/^[-/]/.test(t)) return void 0;
  }
  return void 0;
}
function decodeUtf16(b64) {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) return b64;
  return Buffer2.from(b64, "base64").toString("utf16le");
}
function shellInvocation(words) {
  const program = words[0];
  const shell = programName(program?.text);
  const found = POSIX_SHELLS.has(shell) ? posix(words) : shell === "cmd" ? cmd(words) : POWERSHELLS.has(shell) ? powershell(words) : void 0;
  return found ? { shell, program, ...found } : void 0;
}

// rules/utils/launchers.ts
var set = (s) => new Set(s.split(/\s+/).filter(Boolean));
var NPX = {
  valued: set(
    "package call workspace prefix registry cache userconfig loglevel node-options script-shell shell"
  ),
  shortValued: "pcw",
  aliases: { p: "package", c: "call", w: "workspace", y: "yes", q: "quiet" }
};
var PNPM_GLOBAL = { valued: set("dir filter reporter"), shortValued: "CF", aliases: {} };
var PNPM_DLX = { valued: set("package allow-build"), shortValued: "", aliases: {} };
var YARN_DLX = { valued: set("package"), shortValued: "p", aliases: { p: "package" } };
var BUNX = { valued: set("package"), shortValued: "p", aliases: { p: "package" } };
var UVX = {
  valued: set(`from with with-editable with-requirements python index default-index index-url
    extra-index-url find-links directory project config-file env-file cache-dir python-preference
    refresh-package reinstall-package upgrade-package index-strategy keyring-provider resolution
    prerelease exclude-newer exclude-newer-package link-mode color allow-insecure-host constraints
    overrides build-constraints no-build-package no-binary-package config-setting torch-backend`),
  shortValued: "pifwcCPb",
  aliases: { p: "python", i: "index-url", f: "find-links", w: "with", c: "constraints", q: "quiet" }
};
var PIPX_RUN = {
  valued: set("spec python pip-args index-url backend"),
  shortValued: "",
  aliases: {}
};
var CONTAINER_GLOBAL = {
  valued: set(`host context config log-level tlscacert tlscert tlskey connection url root runroot
    storage-driver cgroup-manager identity module`),
  shortValued: "Hcl",
  aliases: { H: "host", c: "context", l: "log-level" }
};
var CONTAINER_RUN = {
  valued: /* @__PURE__ */ new Set(),
  shortValued: "acehlmpuvw",
  aliases: {
    a: "attach",
    c: "cpu-shares",
    e: "env",
    h: "hostname",
    l: "label",
    m: "memory",
    p: "publish",
    u: "user",
    v: "volume",
    w: "workdir",
    i: "interactive",
    t: "tty",
    d: "detach",
    P: "publish-all",
    q: "quiet",
    net: "network"
  },
  flags: set(`rm init privileged read-only interactive tty detach publish-all no-healthcheck
    oom-kill-disable disable-content-trust quiet help sig-proxy use-api-socket replace rmi
    read-only-tmpfs env-host no-hosts tls-verify http-proxy rootfs`),
  unknownTakesValue: true
};
function readOptions(words, start, table) {
  const options = [];
  let i = start;
  while (i < words.length) {
    const word = words[i];
    const t = word.text;
    if (t === "--") return { options, next: i + 1 };
    if (!t.startsWith("-") || t === "-") break;
    i++;
    if (t.startsWith("--")) {
      const eq = t.indexOf("=");
      const raw = eq < 0 ? t.slice(2) : t.slice(2, eq);
      const name = table.aliases[raw] ?? raw;
      if (eq >= 0) options.push({ name, word, value: t.slice(eq + 1), valueWord: word });
      else if ((table.valued.has(raw) || table.valued.has(name) || table.unknownTakesValue && !table.flags?.has(name)) && i < words.length) {
        options.push({ name, word, value: words[i].text, valueWord: words[i] });
        i++;
      } else options.push({ name, word });
      continue;
    }
    for (let k = 1; k < t.length; k++) {
      const letter = t[k];
      const name = table.aliases[letter] ?? letter;
      if (!table.shortValued.includes(letter)) {
        options.push({ name, word });
        continue;
      }
      if (k + 1 < t.length)
        options.push({ name, word, value: t.slice(k + 1).replace(/^=/, ""), valueWord: word });
      else if (i < words.length) {
        options.push({ name, word, value: words[i].text, valueWord: words[i] });
        i++;
      } else options.push({ name, word });
      break;
    }
  }
  return { options, next: i };
}
function identify(words) {
  const prog = programName(words[0]?.text);
  const sub = (from, global, ...names) => {
    const { next } = readOptions(words, from, global);
    for (const n of names) {
      if (n.every((w, k) => words[next + k]?.text === w)) return { next: next + n.length, at: next };
    }
    return void 0;
  };
  if (prog === "npx") return { launcher: "npx", table: NPX, head: [words[0]], start: 1 };
  if (prog === "pnpx") return { launcher: "pnpm dlx", table: PNPM_DLX, head: [words[0]], start: 1 };
  if (prog === "bunx") return { launcher: "bunx", table: BUNX, head: [words[0]], start: 1 };
  if (prog === "uvx") return { launcher: "uvx", table: UVX, head: [words[0]], start: 1 };
  const pick = (launcher, table, global, ...names) => {
    const s = sub(1, global, ...names);
    return s ? { launcher, table, head: [words[0], ...words.slice(s.at, s.next)], start: s.next } : void 0;
  };
  if (prog === "npm") return pick("npm exec", NPX, NPX, ["exec"], ["x"]);
  if (prog === "pnpm") return pick("pnpm dlx", PNPM_DLX, PNPM_GLOBAL, ["dlx"]);
  if (prog === "yarn") return pick("yarn dlx", YARN_DLX, YARN_DLX, ["dlx"]);
  if (prog === "bun") return pick("bunx", BUNX, BUNX, ["x"]);
  if (prog === "uv") return pick("uv tool run", UVX, UVX, ["tool", "run"], ["tool", "uvx"]);
  if (prog === "pipx") return pick("pipx run", PIPX_RUN, PIPX_RUN, ["run"]);
  if (prog === "docker" || prog === "podman" || prog === "nerdctl") {
    const launcher = prog === "podman" ? "podman run" : "docker run";
    return pick(launcher, CONTAINER_RUN, CONTAINER_GLOBAL, ["run"], ["container", "run"]);
  }
  return void 0;
}
var ECOSYSTEM = {
  npx: "npm",
  "npm exec": "npm",
  "pnpm dlx": "npm",
  "yarn dlx": "npm",
  bunx: "npm",
  uvx: "pypi",
  "uv tool run": "pypi",
  "pipx run": "pypi",
  "docker run": "oci",
  "podman run": "oci"
};
function parseLaunch(words) {
  const id = identify(words);
  if (!id) return void 0;
  const { options, next } = readOptions(words, id.start, id.table);
  const ecosystem = ECOSYSTEM[id.launcher];
  const parse = ecosystem === "npm" ? parseNpmSpec : ecosystem === "pypi" ? parsePythonSpec : parseImageRef;
  const fetched = (o) => o.value !== void 0 && o.valueWord ? [{ ref: parse(o.value), word: o.valueWord }] : [];
  const launch = {
    launcher: id.launcher,
    ecosystem,
    words: id.head,
    via: [],
    options,
    packages: [],
    args: []
  };
  const positional = words.slice(next);
  const fromKey = ecosystem === "npm" ? "package" : ecosystem === "pypi" ? id.launcher === "pipx run" ? "spec" : "from" : "";
  const named = options.filter((o) => o.name === fromKey).flatMap(fetched);
  const extra = ecosystem === "pypi" ? options.filter((o) => o.name === "with").flatMap(fetched) : [];
  if (named.length > 0) {
    launch.packages = [...named, ...extra];
    const calls = options.some((o) => o.name === "call");
    launch.command = calls ? void 0 : positional[0];
    launch.args = calls ? positional : positional.slice(1);
  } else if (positional.length > 0) {
    launch.packages = [{ ref: parse(positional[0].text), word: positional[0] }, ...extra];
    launch.args = positional.slice(1);
  } else launch.packages = extra;
  return launch;
}
var OPERATORS = /* @__PURE__ */ new Set(["&&", "||", ";", "|", "&", "(", ")", ";;", "|&"]);
function stripPrefixes(words) {
  let i = 0;
  for (; ; ) {
    const p = programName(words[i]?.text);
    if (p === "exec" || p === "command" || p === "nohup") i++;
    else if (p === "env") {
      i++;
      while (i < words.length && (/^\w+=/.test(words[i].text) || /^-/.test(words[i].text))) i++;
    } else if (i < words.length && /^[A-Za-z_]\w*=/.test(words[i].text)) i++;
    else return words.slice(i);
  }
}
function launchesIn(words, via = [], depth = 0) {
  const ws = stripPrefixes(words);
  const shell = shellInvocation(ws);
  if (shell) {
    if (depth >= 3) return [];
    const out = [];
    let segment = [];
    for (const w of [...shell.inner, void 0]) {
      if (w && !OPERATORS.has(w.text)) {
        segment.push(w);
        continue;
      }
      if (segment.length > 0) out.push(...launchesIn(segment, [...via, shell], depth + 1));
      segment = [];
    }
    return out;
  }
  const launch = parseLaunch(ws);
  return launch ? [{ ...launch, via }] : [];
}
function findLaunches(server) {
  return launchesIn(argv(server));
}
function parseVolume(spec) {
  const drive = /^[A-Za-z]:[\\/]/.test(spec) ? 2 : 0;
  const colon = spec.indexOf(":", drive);
  if (colon < 0) return { source: "", target: spec };
  const target = spec.slice(colon + 1).replace(
    /:(?:ro|rw|z|Z|shared|slave|private|rshared|rslave|rprivate|nocopy|delegated|cached|consistent|,)+$/,
    ""
  );
  return { source: spec.slice(0, colon), target };
}
function parseMountFlag(spec) {
  const fields = /* @__PURE__ */ new Map();
  for (const part of spec.split(",")) {
    const eq = part.indexOf("=");
    fields.set(
      (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase(),
      eq < 0 ? "true" : part.slice(eq + 1)
    );
  }
  return {
    type: fields.get("type") ?? "volume",
    source: fields.get("source") ?? fields.get("src") ?? "",
    target: fields.get("target") ?? fields.get("destination") ?? fields.get("dst") ?? ""
  };
}
function isHostRoot(path) {
  return /^\/+$/.test(path) || /^[A-Za-z]:[\\/]*$/.test(path);
}
function mounts(launch) {
  const out = [];
  for (const o of launch.options) {
    if (o.value === void 0 || !o.valueWord) continue;
    if (o.name === "volume") {
      const { source, target } = parseVolume(o.value);
      out.push({
        source,
        target,
        bind: /[\\/~$%]/.test(source) || /^[A-Za-z]:$/.test(source),
        word: o.valueWord
      });
    } else if (o.name === "mount") {
      const m = parseMountFlag(o.value);
      out.push({ source: m.source, target: m.target, bind: m.type === "bind", word: o.valueWord });
    }
  }
  return out;
}

// rules/broad-filesystem-access.ts
var FS_PACKAGES = /* @__PURE__ */ new Set([
  "@modelcontextprotocol/server-filesystem",
  "mcp-server-filesystem",
  "mcp-filesystem-server",
  "@mark3labs/mcp-filesystem-server",
  "server-filesystem"
]);
var FS_IMAGES = /* @__PURE__ */ new Set([
  "mcp/filesystem",
  "modelcontextprotocol/server-filesystem",
  "ghcr.io/mark3labs/mcp-filesystem-server"
]);
var DIR_OPTION = /^--?(allowed-dir(?:s|ectories)?|allow-dir|root|roots|dir|directory|directories)(?:=(.*))?$/i;
function breadth(dir) {
  const d = dir.trim().replace(/^["']|["']$/g, "");
  if (d === "") return void 0;
  if (isHostRoot(d) || /^\/mnt\/[a-z]\/*$/i.test(d)) return "root";
  const p = d.replace(/\\+/g, "/").replace(/(.)\/+$/, "$1");
  const homeVar = /^(~|\$HOME|\$\{HOME\}|\$\{env:(HOME|USERPROFILE)\}|\$\{userHome\}|\$env:(HOME|USERPROFILE)|%USERPROFILE%|%HOMEDRIVE%%HOMEPATH%|%HOMEPATH%)$/i;
  if (homeVar.test(p)) return "home";
  if (/^(\/(Users|home|var\/home)(\/[^/]+)?|\/root|[A-Za-z]:\/(Users|Documents and Settings)(\/[^/]+)?)$/i.test(
    p
  ))
    return "home";
  return void 0;
}
function judgeArgs(args) {
  const out = [];
  for (let i = 0; i < args.length; i++) {
    const opt = DIR_OPTION.exec(args[i].text);
    if (!opt && args[i].text.startsWith("-")) continue;
    const word = opt && opt[2] === void 0 ? args[++i] : args[i];
    if (!word) break;
    const dirs = opt ? (opt[2] ?? word.text).split(",") : [word.text];
    for (const dir of dirs) {
      const kind = breadth(dir);
      if (kind) out.push({ word, dir, kind });
    }
  }
  return out;
}
function judgeMounts(launch) {
  return mounts(launch).flatMap((m) => {
    const kind = m.bind ? breadth(m.source) : void 0;
    return kind === "home" ? [{ word: m.word, dir: m.source, kind }] : [];
  });
}
function hits(words, launches) {
  const out = [];
  for (const launch of launches) {
    const main = launch.packages[0];
    if (!main) continue;
    const name = main.ref.name.toLowerCase();
    if (launch.ecosystem === "oci" && FS_IMAGES.has(shortImageName(name))) out.push(...judgeMounts(launch));
    else if (launch.ecosystem !== "oci" && FS_PACKAGES.has(name)) out.push(...judgeArgs(launch.args));
  }
  if (launches.length > 0) return out;
  const prog = programName(words[0]?.text);
  if (FS_PACKAGES.has(prog)) return judgeArgs(words.slice(1));
  if ((prog === "node" || prog === "bun" || prog === "deno") && /server-filesystem/i.test(words[1]?.text ?? ""))
    return judgeArgs(words.slice(2));
  return out;
}
var broad_filesystem_access_default = defineRule({
  code: "MG404",
  name: "broad-filesystem-access",
  severity: "medium",
  precision: "high",
  summary: "A filesystem MCP server is allowed the whole disk or the whole home folder.",
  description: "A filesystem server (`@modelcontextprotocol/server-filesystem` and similar) can read and write everything below its allowed directories, and the agent calls it with arguments a prompt injection can steer. Allowing `~`, `$HOME`, `${userHome}`, `%USERPROFILE%`, or a home folder itself (`/Users/me`, `/home/me`, `C:\\Users\\me`) exposes SSH and GPG keys, cloud and registry credentials, browser profiles, shell start-up files and every other project; allowing `/` or a drive root (`C:\\`) exposes the whole machine and is reported at high. For a containerised filesystem server (`mcp/filesystem`), what it can reach is what is mounted into it, so a bind mount of the home folder is reported here (a mount of `/` is reported by MG403). Folders below the home folder (`~/projects/app`) and `${workspaceFolder}` are not reported.",
  help: [
    "Allow only the folders the agent needs, as deep as you can. Unsafe:",
    "",
    "```json",
    '{ "mcpServers": { "fs": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem@2025.8.21", "/Users/me"] } } }',
    "```",
    "",
    "Safe:",
    "",
    "```json",
    '{ "mcpServers": { "fs": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem@2025.8.21", "/Users/me/projects/app"] } } }',
    "```",
    "",
    "In an editor, `${workspaceFolder}` limits the server to the open project."
  ].join("\n"),
  fix: "allow only the project folders the server needs, not / or the whole home folder",
  tags: ["security", "filesystem", "least-privilege", "external/cwe/cwe-732"],
  messages: {
    root: "filesystem server allowed the whole disk ({dir}): it can read and write every file on the machine",
    home: "filesystem server allowed the whole home folder ({dir}): SSH keys, credentials and every project are in reach"
  },
  checkServer(server, ctx) {
    const words = argv(server);
    for (const h of hits(words, findLaunches(server))) {
      const severity2 = h.kind === "root" ? "high" : void 0;
      ctx.report({ path: h.word.source.path, message: h.kind, data: { dir: h.dir }, severity: severity2 });
    }
  }
});

// rules/config-permissions.ts
var READABLE = 36;
var WRITABLE = 2;
var STICKY = 512;
var config_permissions_default = defineRule({
  code: "MG501",
  name: "config-permissions",
  severity: "medium",
  precision: "high",
  summary: "A config file holding a literal secret is readable (or writable) by other users of the machine.",
  description: "Config files are created with the default umask, which usually lets every local user read them (mode 644). When the file holds an API key, any other account on the machine, a shared build agent, or a compromised low-privilege service can read the key. When the file or its folder is writable by others, they can also rewrite the server command, and the client will run it as you.",
  help: [
    "Restrict the file to its owner, and better still move the secret out of it (see MG301). Unsafe:",
    "",
    "```sh",
    "$ ls -l ~/.cursor/mcp.json",
    '-rw-r--r--  1 me  staff  312 ~/.cursor/mcp.json   # holds "GITHUB_TOKEN": "ghp_..."',
    "```",
    "",
    "Safe:",
    "",
    "```sh",
    "chmod 600 ~/.cursor/mcp.json",
    "chmod go-w ~/.cursor",
    "```"
  ].join("\n"),
  fix: "chmod 600 the file (and chmod go-w its folder); move the secret into the environment",
  tags: ["security", "secrets", "permissions", "external/cwe/cwe-732"],
  messages: {
    readable: "this file holds a literal secret ({where}, {preview}) and is readable by other users (mode {mode})",
    writable: "this file holds a literal secret ({where}, {preview}) and {what} is writable by other users (mode {mode})"
  },
  prepare: prepareSecrets,
  checkFile(config, ctx) {
    if (ctx.mode !== "machine" || process.platform === "win32" || !ctx.stat) return;
    const { mode, dirMode } = ctx.stat;
    const fileWritable = (mode & WRITABLE) !== 0;
    const dirWritable = (dirMode & WRITABLE) !== 0 && (dirMode & STICKY) === 0;
    if ((mode & READABLE) === 0 && !fileWritable && !dirWritable) return;
    const [site] = fileSecrets(config);
    if (!site) return;
    const data = {
      where: site.where,
      preview: site.preview,
      mode: (mode & 511).toString(8).padStart(3, "0"),
      what: fileWritable ? "the file" : "its folder"
    };
    if (fileWritable || dirWritable)
      ctx.report({ path: site.value.path, message: "writable", data, severity: "high" });
    else ctx.report({ path: site.value.path, message: "readable", data });
  }
});

// rules/config-unparseable.ts
var config_unparseable_default = defineRule({
  code: "MG000",
  name: "config-unparseable",
  severity: "high",
  precision: "very-high",
  summary: "A config file a client would read fails to parse.",
  description: "A client that cannot parse its config either ignores the file or refuses to start, and a scanner that skips it misses every server inside. The file is reported at the parser error so it can be fixed.",
  help: [
    "Fix the syntax error at the reported line. A common cause is a trailing comma or a comment in a strict JSON file:",
    "",
    "```json",
    '{ "mcpServers": { "x": { "command": "node", } }',
    "```",
    "",
    "Safe:",
    "",
    "```json",
    '{ "mcpServers": { "x": { "command": "node" } } }',
    "```"
  ].join("\n"),
  fix: "fix the syntax error at this line",
  tags: ["correctness"],
  messages: { parse: "cannot parse this file: {error}" },
  checkFile(config, ctx) {
    const [first] = config.document.errors;
    if (first) ctx.report({ path: [], at: first, message: "parse", data: { error: first.message } });
  }
});

// rules/utils/credentials.ts
var EXACT_NAMES = /* @__PURE__ */ new Set(["key", "sig", "auth", "pwd", "pass", "jwt", "bearer", "sessionid"]);
var NAME_SUFFIXES = [
  "apikey",
  "accesskey",
  "secretkey",
  "privatekey",
  "authkey",
  "subscriptionkey",
  "token",
  "secret",
  "password",
  "passwd",
  "signature",
  "credential",
  "credentials"
];
function isCredentialParam(name) {
  const n = safeDecode(name).toLowerCase().replace(/[-_.]/g, "");
  return EXACT_NAMES.has(n) || NAME_SUFFIXES.some((s) => n.endsWith(s));
}
function isPlaceholder2(value) {
  const v = safeDecode(value).trim();
  return v.length < 4 || isPlaceholder(v);
}
function isCredentialHeader(name) {
  const n = name.toLowerCase();
  return /^(proxy-)?authorization$|^cookie$/.test(n) || /api[-_]?key|token|secret|auth|password|passwd|credential|session|signature|access[-_]?key/.test(n);
}
function looksLikeToken(segment) {
  return segment.length >= 20 && /^[A-Za-z0-9_-]+$/.test(segment) && (/\d/.test(segment) && /[A-Za-z]/.test(segment) || /[a-z]/.test(segment) && /[A-Z]/.test(segment));
}
function urlCredentials(endpoint) {
  const out = [];
  const judge3 = (value) => findRefs(value).length === 0 && !isPlaceholder2(value);
  const info = endpoint.userinfo;
  if (info?.password !== void 0 && info.password !== "") {
    out.push({ where: "userinfo", name: "password", value: info.password, literal: judge3(info.password) });
  } else if (info && (findRefs(info.user).length > 0 || looksLikeToken(info.user))) {
    out.push({ where: "userinfo", name: "user", value: info.user, literal: judge3(info.user) });
  }
  for (const { name, value } of endpoint.query) {
    if (isCredentialParam(name) && value !== "") {
      out.push({ where: "query", name: safeDecode(name), value, literal: judge3(value) });
    }
  }
  for (const segment of endpoint.path.split("/")) {
    if (findRefs(segment).length > 0 && /key|token|secret|auth/i.test(segment)) {
      out.push({ where: "path", name: "path", value: segment, literal: false });
    } else if (looksLikeToken(segment)) {
      out.push({ where: "path", name: "path", value: segment, literal: judge3(segment) });
    }
  }
  return out;
}
function secretPrefix(value) {
  return preview(safeDecode(value));
}
function safeDecode(text) {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return text;
  }
}
var HEADER_FLAG = /^(-H|--header|--headers)$/;
var CREDENTIAL_FLAG = /^--?[\w-]*(token|api-?key|apikey|auth|bearer|oauth|password|secret)[\w-]*(=.*)?$/i;
function sendsCredential(server, ep) {
  if (server.auth.oauth || server.auth.hints.length > 0) return true;
  if (Object.entries(server.headers).some(([k, v]) => isCredentialHeader(k) && v.value.trim() !== "")) {
    return true;
  }
  if (urlCredentials(ep.parsed).length > 0) return true;
  if (ep.via !== "bridge") return false;
  const words = argv(server).map((w) => w.text);
  return words.some(
    (w, i) => CREDENTIAL_FLAG.test(w) || isHeaderLine(w) || HEADER_FLAG.test(w) && words[i + 1] !== void 0 && isHeaderLine(words[i + 1])
  );
}
function isHeaderLine(word) {
  const m = /^\s*([\w-]+)\s*:/.exec(word);
  return m !== null && !/^(https?|wss?)$/i.test(m[1]) && isCredentialHeader(m[1]);
}

// rules/utils/hosts.ts
var import_ipaddr = __toESM(require_ipaddr(), 1);
var TUNNELS = [
  { test: /(^|\.)ngrok[a-z0-9-]*\.(io|app|dev|pizza)$/, name: "ngrok" },
  { test: /(^|\.)trycloudflare\.com$/, name: "Cloudflare quick" },
  { test: /(^|\.)(loca\.lt|localtunnel\.me)$/, name: "localtunnel" },
  { test: /(^|\.)(serveo\.net|serveousercontent\.com)$/, name: "serveo" },
  { test: /(^|\.)(localhost\.run|lhr\.life|lhr\.rocks|lhr\.pro)$/, name: "localhost.run" },
  { test: /(^|\.)[a-z0-9-]*pinggy[a-z0-9-]*\.(io|link|online)$/, name: "pinggy" },
  { test: /(^|\.)bore\.pub$/, name: "bore" },
  { test: /(^|\.)tunnelmole\.(net|com)$/, name: "tunnelmole" },
  { test: /(^|\.)(loclx\.io|localxpose\.io)$/, name: "LocalXpose" },
  { test: /(^|\.)devtunnels\.ms$/, name: "Microsoft dev tunnels" },
  { test: /(^|\.)(sharedwithexpose\.com|expose\.dev)$/, name: "Expose" },
  { test: /(^|\.)share\.zrok\.io$/, name: "zrok" },
  { test: /(^|\.)localtonet\.com$/, name: "localtonet" },
  { test: /(^|\.)telebit\.(cloud|io)$/, name: "telebit" }
];
var WILDCARD_IP_DNS = /^(?:.*?[.-])?(\d{1,3}(?:[.-]\d{1,3}){3})\.(?:nip\.io|sslip\.io|xip\.io)$/;
var INTERNAL_SUFFIXES = [".local", ".internal", ".lan", ".home.arpa", ".intranet", ".corp", ".test"];
function classifyHost(host) {
  const h = host.toLowerCase().replace(/\.$/, "").replace(/^\[|\]$/g, "");
  if (import_ipaddr.default.isValid(h)) return { kind: classifyIp(h) };
  const wildcard = WILDCARD_IP_DNS.exec(h);
  if (wildcard) {
    const ip = wildcard[1].replace(/-/g, ".");
    if (import_ipaddr.default.IPv4.isValidFourPartDecimal(ip)) return { kind: classifyIp(ip) };
  }
  if (h === "localhost" || h.endsWith(".localhost")) return { kind: "loopback" };
  const tunnel = TUNNELS.find((t) => t.test.test(h));
  if (tunnel) return { kind: "tunnel", tunnel: tunnel.name };
  if (!h.includes(".") || INTERNAL_SUFFIXES.some((s) => h.endsWith(s))) return { kind: "internal" };
  return { kind: "name" };
}
function classifyIp(text) {
  const range = import_ipaddr.default.process(text).range();
  if (range === "loopback" || range === "unspecified") return "loopback";
  if (range === "unicast") return "public-ip";
  return "private";
}
function isRemote(kind) {
  return kind !== void 0 && kind !== "loopback";
}
function isLocalNetwork(kind) {
  return kind === "private" || kind === "internal";
}
var SPLIT = /^([a-z][a-z0-9+.-]*):\/\/((?:\$\{[^}]*\}|[^/?#])*)([^?#]*)(?:\?([^#]*))?/i;
var PORT = /:(?:\d*|\$\{[^}]*\}|\$[A-Za-z_]\w*|%\w+%|\{\{[^}]*\}\})$/;
function parseEndpoint(raw) {
  const m = SPLIT.exec(raw.trim());
  if (!m) return void 0;
  const scheme = m[1].toLowerCase();
  const authority = m[2];
  const at = authority.lastIndexOf("@");
  let userinfo;
  if (at >= 0) {
    const info = authority.slice(0, at);
    const m2 = /^((?:\$\{[^}]*\}|[^:])*)(?::([\s\S]*))?$/.exec(info);
    userinfo = m2?.[2] !== void 0 ? { user: m2[1], password: m2[2] } : { user: m2?.[1] ?? info };
  }
  const hostPort = authority.slice(at + 1);
  const hostText = hostPort.startsWith("[") ? hostPort.slice(0, hostPort.indexOf("]") + 1) : hostPort.replace(PORT, "");
  const query = parseQuery(m[4] ?? "");
  const path = m[3];
  const variable = hostText === "" || findRefs(hostText).length > 0 || /[<>{}$%\s]/.test(hostText);
  if (variable) return { scheme, userinfo, query, path, origin: `${scheme}://${hostPort}` };
  let host;
  try {
    host = new URL(`http://${hostText}/`).hostname;
  } catch {
    return { scheme, userinfo, query, path, origin: `${scheme}://${hostPort}` };
  }
  host = host.replace(/\.$/, "").replace(/^\[|\]$/g, "");
  if (isPlaceholderHost(host)) return { scheme, userinfo, query, path, origin: `${scheme}://${hostPort}` };
  const { kind, tunnel } = classifyHost(host);
  const port = hostPort.slice(hostText.length);
  const shownHost = host.includes(":") ? `[${host}]` : host;
  return { scheme, host, kind, tunnel, userinfo, query, path, origin: `${scheme}://${shownHost}${port}` };
}
function isPlaceholderHost(host) {
  const h = host.toLowerCase().replace(/\.$/, "");
  return /your|placeholder|xxx/.test(h) || /(^|\.)example(\.(com|org|net))?$/.test(h) || /\.(invalid|example)$/.test(h);
}
function parseQuery(text) {
  if (!text) return [];
  return text.split("&").filter(Boolean).map((pair) => {
    const eq = pair.indexOf("=");
    return eq < 0 ? { name: pair, value: "" } : { name: pair.slice(0, eq), value: pair.slice(eq + 1) };
  });
}
function judgedEndpoints(server) {
  const out = [];
  for (const e of endpoints(server)) {
    const parsed = parseEndpoint(e.url);
    if (parsed) out.push({ ...e, parsed });
  }
  return out;
}

// rules/credential-in-url.ts
var credential_in_url_default = defineRule({
  code: "MG103",
  name: "credential-in-url",
  severity: "critical",
  precision: "high",
  summary: "A server URL carries a literal credential (user:password@ or a key/token query parameter).",
  description: "A secret in a URL leaks everywhere the URL goes: the config file and its repository, access logs of every proxy and of the server, error messages, the client UI and crash reports. Unlike a header, it cannot be kept out of the file with a variable in most clients unless the whole URL is a variable. Anyone who reads it can call the server as you.",
  help: [
    "Move the secret out of the URL, into a header fed from a variable. Unsafe:",
    "",
    "```json",
    '{ "mcpServers": { "search": { "url": "https://mcp.example.com/mcp?api_key=3f9a1c07b2d84e6f" } } }',
    "```",
    "",
    "Safe:",
    "",
    "```json",
    '{ "mcpServers": { "search": { "url": "https://mcp.example.com/mcp",',
    '  "headers": { "X-API-Key": "${env:SEARCH_API_KEY}" } } } }',
    "```",
    "",
    "If the server only accepts the key in the URL, reference a variable there (`?api_key=${env:SEARCH_API_KEY}`) and rotate the key that was committed."
  ].join("\n"),
  fix: "move the secret into a header read from an environment variable, and rotate it",
  tags: ["security", "secrets", "network", "external/cwe/cwe-598", "external/cwe/cwe-798"],
  messages: {
    userinfo: "the URL of {origin} embeds a password ({prefix}) in user:password@",
    user: "the URL of {origin} embeds a token ({prefix}) as its user name",
    query: 'the URL of {origin} carries a credential in query parameter "{name}" ({prefix})'
  },
  checkServer(server, ctx) {
    for (const ep of judgedEndpoints(server)) {
      for (const cred of urlCredentials(ep.parsed)) {
        if (!cred.literal || cred.where === "path") continue;
        ctx.report({
          path: ep.source.path,
          message: cred.where === "query" ? "query" : cred.name === "user" ? "user" : "userinfo",
          data: { origin: ep.parsed.origin, name: cred.name, prefix: secretPrefix(cred.value) }
        });
      }
    }
  }
});

// rules/docker-privileged.ts
var HOST_ROOT_CAPS = /* @__PURE__ */ new Set(["ALL", "SYS_ADMIN", "SYS_MODULE"]);
var ENGINE_SOCKET = /^(?:\/{1,2}(?:var\/)?run\/(?:docker|podman\/podman|containerd\/containerd)\.sock|\\\\\.\\pipe\\docker_engine|.*\/podman\/podman\.sock|.*\/\.docker\/run\/docker\.sock|.*\/\.colima\/.*docker\.sock)$/i;
function isEngineSocket(source) {
  return ENGINE_SOCKET.test(source.replace(/\/+$/, ""));
}
var on = (o) => o.value === void 0 || !/^(false|0)$/i.test(o.value);
function issues(launch) {
  const out = [];
  for (const o of launch.options) {
    const value = (o.value ?? "").trim();
    const at = o.valueWord ?? o.word;
    if (o.name === "privileged" && on(o))
      out.push({ word: o.word, message: "privileged", data: { option: "--privileged" } });
    else if (o.name === "cap-add") {
      for (const cap of value.split(",")) {
        const c = cap.trim().toUpperCase().replace(/^CAP_/, "");
        if (HOST_ROOT_CAPS.has(c)) out.push({ word: at, message: "capAdd", data: { cap: c } });
      }
    } else if (["network", "pid", "ipc", "uts", "userns"].includes(o.name) && value.toLowerCase() === "host") {
      const severity2 = ["network", "ipc", "uts"].includes(o.name) ? "medium" : void 0;
      out.push({ word: at, message: "hostNamespace", data: { option: `--${o.name}`, value }, severity: severity2 });
    } else if (o.name === "security-opt") {
      const m = /^(seccomp|apparmor|label|systempaths)[=:](unconfined|disable)$/i.exec(value);
      if (m) out.push({ word: at, message: "unconfined", data: { option: "--security-opt", value } });
    } else if (o.name === "use-api-socket" && on(o))
      out.push({ word: o.word, message: "socket", data: { source: "--use-api-socket" } });
  }
  for (const m of mounts(launch)) {
    if (!m.bind) continue;
    if (isHostRoot(m.source)) out.push({ word: m.word, message: "rootMount", data: { source: m.source } });
    else if (isEngineSocket(m.source))
      out.push({ word: m.word, message: "socket", data: { source: m.source } });
  }
  return out;
}
var docker_privileged_default = defineRule({
  code: "MG403",
  name: "docker-privileged",
  severity: "high",
  precision: "very-high",
  summary: "A containerised server runs with options that remove the container isolation.",
  description: "A container is only a boundary if it is started as one. `--privileged`, `--cap-add ALL` / `SYS_ADMIN` / `SYS_MODULE`, `--pid host`, `--userns host`, `--security-opt seccomp=unconfined` (or `apparmor=unconfined`, `label=disable`), a bind mount of the host's `/` (or a drive root), and a mount of the Docker or Podman socket (or `--use-api-socket`) each let the process inside (a server that reads untrusted web pages, issues, or files, and can be steered by them) take over the host: the socket alone lets it start a privileged container of its own. `--network host`, `--ipc host` and `--uts host` are reported at medium: they expose the host's loopback services and IPC but not its files.",
  help: [
    "Drop the option, or grant only what the server needs (a single capability, a named volume, one project folder). Unsafe:",
    "",
    "```json",
    '{ "mcpServers": { "tools": { "command": "docker", "args": ["run", "-i", "--rm", "--privileged", "-v", "/var/run/docker.sock:/var/run/docker.sock", "ghcr.io/acme/tools-mcp:1.2.0"] } } }',
    "```",
    "",
    "Safe:",
    "",
    "```json",
    '{ "mcpServers": { "tools": { "command": "docker", "args": ["run", "-i", "--rm", "--cap-drop", "ALL", "-v", "/home/me/project:/work:ro", "ghcr.io/acme/tools-mcp:1.2.0"] } } }',
    "```",
    "",
    "A server that must manage containers should talk to a socket proxy that allows only the calls it needs, not to the engine socket."
  ].join("\n"),
  fix: "remove --privileged, host namespaces, broad capabilities and host-root/socket mounts",
  tags: ["security", "container", "external/cwe/cwe-250", "external/cwe/cwe-269"],
  messages: {
    privileged: "{option}: the container has every capability and every host device",
    capAdd: "--cap-add {cap}: the container can act as root on the host",
    hostNamespace: "{option} {value}: the container shares the host namespace",
    unconfined: "{option} {value}: the container runs without its kernel confinement profile",
    rootMount: "mounts the host file system root {source} into the container",
    socket: "mounts the container engine socket ({source}): the container can start privileged containers"
  },
  checkServer(server, ctx) {
    for (const launch of findLaunches(server)) {
      if (launch.ecosystem !== "oci") continue;
      for (const i of issues(launch)) {
        ctx.report({ path: i.word.source.path, message: i.message, data: i.data, severity: i.severity });
      }
    }
  }
});

// rules/exposed-endpoint.ts
var exposed_endpoint_default = defineRule({
  code: "MG104",
  name: "exposed-endpoint",
  severity: "medium",
  precision: "high",
  summary: "A remote MCP server sits on a raw public IP address or an ephemeral tunnel (ngrok, trycloudflare ...).",
  description: "A server on a bare public IP or behind a quick tunnel is usually a development server exposed to the whole internet: anyone who scans the address range or guesses the tunnel name can call its tools, and it rarely has the authentication, TLS and monitoring of a real deployment. Tunnel names are also recycled: when the tunnel closes, the same address can be handed to someone else, and the client will send its tool calls (and credentials) there. Private addresses (10/8, 172.16/12, 192.168/16, fc00::/7) and loopback are not reported.",
  help: [
    "Serve the MCP server from a stable name you control, over HTTPS and with authentication, or keep it local. Unsafe:",
    "",
    "```json",
    '{ "mcpServers": { "dev": { "url": "https://4f2a-81-2-69-142.ngrok-free.app/mcp" } } }',
    "```",
    "",
    "Safe:",
    "",
    "```json",
    '{ "mcpServers": { "dev": { "url": "https://mcp.example.com/mcp",',
    '  "headers": { "Authorization": "Bearer ${env:DEV_MCP_TOKEN}" } } } }',
    "```"
  ].join("\n"),
  fix: "serve the MCP server under a stable domain you control (with TLS and auth), or keep it on loopback",
  tags: ["security", "network", "external/cwe/cwe-668"],
  messages: {
    publicIp: "remote server {origin} is on a raw public IP address",
    tunnel: "remote server {origin} is on an ephemeral {tunnel} tunnel; its address can pass to someone else"
  },
  checkServer(server, ctx) {
    for (const ep of judgedEndpoints(server)) {
      const { kind, origin, tunnel } = ep.parsed;
      if (kind === "public-ip") ctx.report({ path: ep.source.path, message: "publicIp", data: { origin } });
      else if (kind === "tunnel")
        ctx.report({ path: ep.source.path, message: "tunnel", data: { origin, tunnel: tunnel ?? "tunnel" } });
    }
  }
});

// rules/utils/guard.ts
function listenOf(guard) {
  if (!guard.sources.has("http")) return { kind: "stdio" };
  const written = guard.config.http?.host;
  if (written === void 0) return void 0;
  const refs = guardRefs(written);
  let host = written;
  if (refs.length > 0) {
    if (refs.length !== 1 || refs[0].text !== written.trim() || refs[0].fallback === void 0)
      return { kind: "unknown", host: written };
    host = refs[0].fallback;
  }
  return { kind: isLoopbackListen(host) ? "loopback" : "exposed", host: written };
}

// rules/guard-auth-disabled.ts
var guard_auth_disabled_default = defineRule({
  code: "MG210",
  name: "guard-auth-disabled",
  severity: "high",
  precision: "high",
  summary: "An mcp-guard config accepts requests without any credential.",
  description: "With `auth.mode: none` the guard treats every caller as trusted: its per-agent rate limits, spend caps and tool allowlists have no identity to hang on, and every tool of every guarded server (wallets, shells, file systems) is one request away. On a non-loopback address that is anyone on the network or the internet; on loopback it is still any local process, and any web page through DNS rebinding.",
  help: [
    "Turn authentication on and give each agent its own key, kept out of the file:",
    "",
    "```yaml",
    "auth:",
    "  mode: none",
    "http: {host: 0.0.0.0, port: 8080}",
    "```",
    "",
    "Safe:",
    "",
    "```yaml",
    "auth:",
    "  mode: api_key",
    `  keys: {alice: "\${ALICE_KEY}"}`,
    "http: {host: 127.0.0.1, port: 8080}",
    "```",
    "",
    "Bind `127.0.0.1` unless other machines must reach the guard, and then put TLS in front of it."
  ].join("\n"),
  fix: `set auth.mode to api_key (keys from \${VAR}) or jwt, and bind 127.0.0.1 unless remote agents need it`,
  tags: ["security", "authentication", "external/cwe/cwe-306"],
  messages: {
    exposed: 'auth.mode is "none" and the guard listens on {host}: anyone who can reach that address can call every tool of every guarded server',
    unknown: 'auth.mode is "none" and the guard listens on {host}, chosen at deploy time: nothing keeps it off a public address',
    local: 'auth.mode is "none"; the guard listens on loopback ({host}) only, yet any local process or web page (through DNS rebinding) can call every tool',
    stdio: 'auth.mode is "none"; the guard runs over stdio only, but adding an http section would expose every tool without a credential'
  },
  checkGuard(guard, ctx) {
    if (guard.config.auth?.mode !== "none") return;
    const listen = listenOf(guard);
    if (!listen) return;
    const severity2 = listen.kind === "exposed" || listen.kind === "unknown" ? "high" : "medium";
    const message = listen.kind === "loopback" ? "local" : listen.kind;
    const data = {};
    if (listen.kind !== "stdio")
      data.host = /^[^[].*:/.test(listen.host) && !listen.host.includes("$") ? `[${listen.host}]` : listen.host;
    ctx.report({ path: guard.sources.get("auth.mode") ?? ["auth", "mode"], message, data, severity: severity2 });
  }
});

// rules/guard-config-invalid.ts
var guard_config_invalid_default = defineRule({
  code: "MG213",
  name: "guard-config-invalid",
  severity: "high",
  precision: "very-high",
  summary: "An mcp-guard config would be refused at start-up.",
  description: "The guard validates its config when it starts and refuses to run with a problem in it: an unknown key (a typo must not silently switch a policy off), a value of the wrong type, a missing `auth` section (`none` must be written out), credentials that do not fit the auth mode, a route to a server that does not exist. Found in review, the problem costs a line; found at deploy time, it is an outage, or a guard that an operator starts in a hurry with the policy commented out.",
  help: [
    "Fix the key at the reported line; the message is the one `mcp-guard guard check --config FILE` prints. Unsafe:",
    "",
    "```yaml",
    'auth: {mode: api_key, keys: ["${AGENT_KEY}"]}',
    "servers:",
    '  wallet: {command: "python3 wallet_server.py"}',
    "rate_limits: {requests_per_minute: 60}",
    "```",
    "",
    "Safe:",
    "",
    "```yaml",
    'auth: {mode: api_key, keys: ["${AGENT_KEY}"]}',
    "servers:",
    '  wallet: {command: "python3 wallet_server.py"}',
    "rate_limit: {requests_per_minute: 60}",
    "```"
  ].join("\n"),
  fix: "fix the key as the message says (mcp-guard guard check --config FILE shows every problem)",
  tags: ["security", "correctness"],
  messages: { refused: "{key}: {problem}" },
  checkGuard(guard, ctx) {
    for (const p of guard.problems) {
      if (p.parse) continue;
      ctx.report({ path: p.path, message: "refused", data: { key: p.key || "(root)", problem: p.message } });
    }
  }
});

// rules/guard-no-limits.ts
var guard_no_limits_default = defineRule({
  code: "MG212",
  name: "guard-no-limits",
  severity: "low",
  precision: "medium",
  summary: "An mcp-guard config sets no rate limit, no spend cap and no audit log.",
  description: "Authentication says who an agent is; limits bound what it can do once it is in. Without a rate limit or a spend cap, a looping, prompt-injected or stolen agent can call paid or destructive tools as fast as the backend answers, and without an audit log nobody can tell afterwards which agent did what. Any one of the three keeps this rule quiet; production guards usually want all of them.",
  help: [
    "Add at least one limit and an audit log:",
    "",
    "```yaml",
    `auth: {mode: api_key, keys: ["\${AGENT_KEY}"]}`,
    "servers:",
    '  wallet: {command: "npx -y @acme/wallet-mcp@1.2.3"}',
    "```",
    "",
    "Safe:",
    "",
    "```yaml",
    `auth: {mode: api_key, keys: ["\${AGENT_KEY}"]}`,
    "servers:",
    '  wallet: {command: "npx -y @acme/wallet-mcp@1.2.3"}',
    "policies:",
    "  max_spend_per_session: 10",
    "rate_limit:",
    "  requests_per_minute: 60",
    "audit_log: ./audit.jsonl",
    "```"
  ].join("\n"),
  fix: "set rate_limit.requests_per_minute, policies.max_spend_per_session and audit_log",
  tags: ["security", "resource-limits", "logging", "external/cwe/cwe-770", "external/cwe/cwe-778"],
  messages: {
    none: "this guard config sets no rate limit, no spend cap and no audit log of its own: a runaway agent is neither slowed nor capped"
  },
  checkGuard(guard, ctx) {
    const { policies } = guard.config;
    if (!policies) return;
    const limited = policies.requestsPerMinute !== void 0 || policies.spendPerHourUsd !== void 0 || policies.maxSpendPerSession !== void 0;
    const recorded = guard.sources.has("audit.path");
    if (!limited && !recorded) ctx.report({ path: [], message: "none" });
  }
});

// rules/guard-weak-secret.ts
var MIN_BYTES = MIN_HS_SECRET_BYTES;
function preview2(text) {
  const bytes = Buffer.byteLength(text, "utf8");
  return bytes >= 16 ? `"${[...text].slice(0, 4).join("")}\u2026", ${bytes} bytes` : `${bytes} bytes`;
}
function judge(value, kind, ctx) {
  const text = value.value;
  const field = formatPath(value.path);
  const path = value.path;
  const refs = findRefs(text);
  if (refs.length === 0) {
    const bytes = Buffer.byteLength(text, "utf8");
    const message = bytes < MIN_BYTES ? "literalShort" : "literal";
    const remedy = kind === "API key" ? "reference it as ${VAR} or store its sha256 (key_sha256)" : "reference it as ${VAR}";
    ctx.report({ path, message, data: { field, kind, preview: preview2(text), bytes, remedy } });
    return;
  }
  const expanded = guardRefs(text);
  if (expanded.length === 0) {
    ctx.report({ path, message: "notExpanded", data: { field, kind, ref: refs[0].text } });
    return;
  }
  for (const r of expanded) {
    if (!r.fallback) continue;
    const bytes = Buffer.byteLength(r.fallback, "utf8");
    const ref = `\${${r.name}}`;
    const message = bytes < MIN_BYTES ? "fallbackShort" : "fallback";
    ctx.report({ path, message, data: { field, kind, ref, preview: preview2(r.fallback), bytes } });
  }
}
var guard_weak_secret_default = defineRule({
  code: "MG211",
  name: "guard-weak-secret",
  severity: "critical",
  precision: "high",
  summary: "An mcp-guard config holds a literal or short API key, JWT secret, metrics token, store password, console session secret or webhook secret.",
  description: `The guard authenticates agents (and \`/metrics\` scrapers) with the keys, secrets and tokens in its config. A literal one is readable by everyone who can read the file, its repository, backups and CI logs, and it lets them call every guarded tool as that agent (or, for a JWT HMAC secret, mint a token for any agent). A \`\${VAR:-default}\` reference still ships the default, and a secret under 32 bytes can be guessed or brute-forced offline from a single token.`,
  help: [
    "Keep keys out of the file: reference them, or store only their SHA-256 hash:",
    "",
    "```yaml",
    "auth:",
    "  mode: api_key",
    '  keys: {alice: "correct-horse"}',
    "```",
    "",
    "Safe:",
    "",
    "```yaml",
    "auth:",
    "  mode: api_key",
    "  keys:",
    `    - {agent: alice, key: "\${ALICE_KEY}"}`,
    '    - {agent: bob, key_sha256: "<sha256 hex of the key>"}',
    "```",
    "",
    "Generate keys and JWT secrets with at least 32 random bytes (`openssl rand -base64 32`) and rotate any that were committed."
  ].join("\n"),
  fix: `reference the secret as \${VAR} (no default) or store its sha256 hash; use 32+ random bytes, rotate leaked ones`,
  tags: ["security", "secrets", "external/cwe/cwe-798", "external/cwe/cwe-521"],
  messages: {
    literal: `{field} is a literal {kind} ({preview}): anyone who can read this file can use it; {remedy}`,
    literalShort: `{field} is a literal {kind} of only {bytes} bytes: it is in the file and short enough to guess; use 32+ random bytes from \${VAR}`,
    fallback: "{field} falls back to a literal {kind} ({preview}) when {ref} is unset, so the file still holds a working secret",
    fallbackShort: "{field} falls back to a {bytes}-byte literal {kind} when {ref} is unset: short, guessable and in the file",
    notExpanded: `{field} is {ref}, which the guard does not expand (it reads \${VAR} only), so that literal text would be the {kind}`
  },
  checkGuard(guard, ctx) {
    for (const { kind, value } of guard.credentials) judge(value, kind, ctx);
  }
});

// rules/hardcoded-secret.ts
var hardcoded_secret_default = defineRule({
  code: "MG301",
  name: "hardcoded-secret",
  severity: "critical",
  precision: "high",
  summary: "A literal credential (API key, token, password, private key) is written into the config.",
  description: "MCP configs are copied between machines, committed to repositories, synced by dotfile managers and pasted into bug reports. A token written into one leaks with every copy, and rotating it means finding every copy. Clients can read the value from the environment or prompt for it instead (`${env:NAME}`, `${input:id}`, `${{ secrets.NAME }}`, Codex `env_vars`/`bearer_token_env_var`), so the file never holds the secret.",
  help: [
    "Replace the literal with a reference the client resolves at launch, and rotate the leaked credential. Unsafe:",
    "",
    "```json",
    '{ "mcpServers": { "github": { "command": "github-mcp-server", "args": ["stdio"],',
    '  "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "ghp_<36 characters>" } } } }',
    "```",
    "",
    "Safe (Cursor, Claude Code: `${env:NAME}` / `${NAME}`; VS Code: `${input:id}`; Continue: `${{ secrets.NAME }}`):",
    "",
    "```json",
    '{ "mcpServers": { "github": { "command": "github-mcp-server", "args": ["stdio"],',
    '  "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "${env:GITHUB_PERSONAL_ACCESS_TOKEN}" } } } }',
    "```"
  ].join("\n"),
  fix: "rotate this credential and load it from the environment or a secret store instead",
  tags: ["security", "secrets", "external/cwe/cwe-798", "external/cwe/cwe-312"],
  messages: {
    found: "{kind} in {where} ({preview}): a literal credential is stored in this config file"
  },
  prepare: prepareSecrets,
  checkServer(server, ctx) {
    for (const site of serverSecrets(server, ctx.config)) {
      ctx.report({
        path: site.value.path,
        message: "found",
        data: { kind: site.kind, where: site.where, preview: site.preview }
      });
    }
  },
  // Servers in a map the client does not read (MG001) never start, but their secrets are in the file.
  checkFile(config, ctx) {
    for (const server of config.ignored.flatMap((m) => m.servers)) {
      for (const site of serverSecrets(server, config)) {
        ctx.report({
          path: site.value.path,
          message: "found",
          data: { kind: site.kind, where: site.where, preview: site.preview },
          server: server.name
        });
      }
    }
  }
});

// rules/utils/unicode.ts
var INVISIBLE = {
  173: "SOFT HYPHEN",
  847: "COMBINING GRAPHEME JOINER",
  1564: "ARABIC LETTER MARK",
  4447: "HANGUL CHOSEONG FILLER",
  4448: "HANGUL JUNGSEONG FILLER",
  6068: "KHMER VOWEL INHERENT AQ",
  6069: "KHMER VOWEL INHERENT AA",
  6158: "MONGOLIAN VOWEL SEPARATOR",
  8203: "ZERO WIDTH SPACE",
  8204: "ZERO WIDTH NON-JOINER",
  8205: "ZERO WIDTH JOINER",
  8206: "LEFT-TO-RIGHT MARK",
  8207: "RIGHT-TO-LEFT MARK",
  8234: "LEFT-TO-RIGHT EMBEDDING",
  8235: "RIGHT-TO-LEFT EMBEDDING",
  8236: "POP DIRECTIONAL FORMATTING",
  8237: "LEFT-TO-RIGHT OVERRIDE",
  8238: "RIGHT-TO-LEFT OVERRIDE",
  8288: "WORD JOINER",
  8289: "FUNCTION APPLICATION",
  8290: "INVISIBLE TIMES",
  8291: "INVISIBLE SEPARATOR",
  8292: "INVISIBLE PLUS",
  8294: "LEFT-TO-RIGHT ISOLATE",
  8295: "RIGHT-TO-LEFT ISOLATE",
  8296: "FIRST STRONG ISOLATE",
  8297: "POP DIRECTIONAL ISOLATE",
  12644: "HANGUL FILLER",
  65279: "ZERO WIDTH NO-BREAK SPACE",
  65440: "HALFWIDTH HANGUL FILLER",
  65529: "INTERLINEAR ANNOTATION ANCHOR",
  65530: "INTERLINEAR ANNOTATION SEPARATOR",
  65531: "INTERLINEAR ANNOTATION TERMINATOR"
};
function invisibleName(cp) {
  if (INVISIBLE[cp]) return INVISIBLE[cp];
  if (cp >= 917504 && cp <= 917631) return "TAG";
  if (cp >= 917760 && cp <= 917999) return "VARIATION SELECTOR";
  return void 0;
}
var LOOKALIKES = {
  // Cyrillic
  \u0430: "a",
  \u0441: "c",
  "\u0501": "d",
  \u0435: "e",
  \u04BB: "h",
  \u0456: "i",
  \u0458: "j",
  "\u04CF": "l",
  \u043E: "o",
  \u0440: "p",
  "\u051B": "q",
  \u0455: "s",
  "\u051D": "w",
  \u0445: "x",
  \u0443: "y",
  \u0410: "A",
  \u0412: "B",
  \u0421: "C",
  \u0415: "E",
  \u041D: "H",
  \u0406: "I",
  \u0408: "J",
  \u041A: "K",
  \u041C: "M",
  \u041E: "O",
  \u0420: "P",
  "\u051A": "Q",
  \u0405: "S",
  \u0422: "T",
  "\u051C": "W",
  \u0425: "X",
  \u04AE: "Y",
  // Greek
  \u03B1: "a",
  \u03B9: "i",
  \u03BA: "k",
  \u03BD: "v",
  \u03BF: "o",
  \u03C1: "p",
  \u03C5: "u",
  \u0391: "A",
  \u0392: "B",
  \u0395: "E",
  \u0396: "Z",
  \u0397: "H",
  \u0399: "I",
  \u039A: "K",
  \u039C: "M",
  \u039D: "N",
  \u039F: "O",
  \u03A1: "P",
  \u03A4: "T",
  \u03A5: "Y",
  \u03A7: "X",
  // Armenian
  \u0581: "g",
  \u0570: "h",
  \u0578: "n",
  \u0585: "o",
  \u057D: "u"
};
var LOOKALIKE_SCRIPTS = [
  ["Cyrillic", new RegExp("\\p{Script=Cyrillic}", "u")],
  ["Greek", new RegExp("\\p{Script=Greek}", "u")],
  ["Armenian", new RegExp("\\p{Script=Armenian}", "u")],
  ["Cherokee", new RegExp("\\p{Script=Cherokee}", "u")],
  ["Coptic", new RegExp("\\p{Script=Coptic}", "u")],
  ["Lisu", new RegExp("\\p{Script=Lisu}", "u")]
];
var LATIN = new RegExp("\\p{Script=Latin}", "u");
var WORD_CHAR = /[\p{L}\p{M}\p{Nd}]/u;
var EMOJI = new RegExp("\\p{Extended_Pictographic}", "u");
var JOINING_SCRIPT = /[\p{Script=Arabic}\p{Script=Syriac}\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Sinhala}]/u;
function lookalikeScript(ch) {
  return LOOKALIKE_SCRIPTS.find(([, re]) => re.test(ch))?.[0];
}
function compatibilityOf(ch) {
  if (ch.charCodeAt(0) < 128) return void 0;
  const n = ch.normalize("NFKC");
  return /^[A-Za-z0-9]+$/.test(n) ? n : void 0;
}
function suspects(text, opts = {}) {
  const chars = [...text];
  const out = [];
  for (let i = 0; i < chars.length; i++) {
    const cp = chars[i].codePointAt(0) ?? 0;
    const name = invisibleName(cp);
    if (!name) continue;
    if (cp === 8205 && EMOJI.test(chars[i - 1] ?? "") && EMOJI.test(chars[i + 1] ?? "")) continue;
    if (cp === 8204 && JOINING_SCRIPT.test(chars[i - 1] ?? "") && JOINING_SCRIPT.test(chars[i + 1] ?? ""))
      continue;
    out.push({ index: i, cp, kind: "invisible", label: name });
  }
  for (let start = 0; start < chars.length; ) {
    if (!WORD_CHAR.test(chars[start])) {
      start++;
      continue;
    }
    let end = start;
    while (end < chars.length && WORD_CHAR.test(chars[end])) end++;
    out.push(...wordSuspects(chars, start, end, opts.wholeWords ?? false));
    start = end;
  }
  return out.sort((a, b) => a.index - b.index);
}
function wordSuspects(chars, start, end, wholeWords) {
  const word = chars.slice(start, end);
  const hasLatin = word.some((c) => LATIN.test(c));
  const letters = word.filter((c) => new RegExp("\\p{L}", "u").test(c));
  const allLookalikes = letters.length >= 2 && letters.every((c) => LOOKALIKES[c] !== void 0);
  const out = [];
  word.forEach((ch, k) => {
    const cp = ch.codePointAt(0) ?? 0;
    const compat = compatibilityOf(ch);
    if (compat) {
      out.push({ index: start + k, cp, kind: "confusable", label: `compatibility form of "${compat}"` });
      return;
    }
    const script = lookalikeScript(ch);
    if (!script || !(hasLatin || wholeWords && allLookalikes)) return;
    const like = LOOKALIKES[ch];
    out.push({
      index: start + k,
      cp,
      kind: "confusable",
      label: like ? `${script}, looks like "${like}"` : script
    });
  });
  return out;
}
function codePoint(cp) {
  return `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
}
function escapedExcerpt(text, found, context = 4) {
  const chars = [...text];
  if (found.length === 0) return "";
  const first = found[0].index;
  const last = Math.max(...found.filter((s) => s.index - first <= 24).map((s) => s.index));
  const from = Math.max(0, first - context);
  const to = Math.min(chars.length, last + 1 + context);
  const body = chars.slice(from, to).map(escapeChar).join("");
  return `${from > 0 ? "\u2026" : ""}${body}${to < chars.length ? "\u2026" : ""}`;
}
function escapeChar(ch) {
  const cp = ch.codePointAt(0) ?? 0;
  if (ch === "\\" || ch === '"') return `\\${ch}`;
  if (cp >= 32 && cp < 127) return ch;
  if (cp <= 65535) return `\\u${cp.toString(16).toUpperCase().padStart(4, "0")}`;
  return `\\u{${cp.toString(16).toUpperCase()}}`;
}

// rules/hidden-text.ts
var NAMED = 3;
function describe(found) {
  const seen = /* @__PURE__ */ new Map();
  for (const s of found) if (!seen.has(s.cp)) seen.set(s.cp, s);
  const all = [...seen.values()];
  const named = all.slice(0, NAMED).map((s) => `${codePoint(s.cp)} ${s.label}`);
  return named.join(", ") + (all.length > NAMED ? ` and ${all.length - NAMED} more` : "");
}
function hostSpan(url) {
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?([^/?#:]*)/i.exec(url);
  if (!m) return void 0;
  const chars = [...url];
  const start = [...m[0]].length - [...m[1]].length;
  return start < chars.length ? [start, start + [...m[1]].length] : void 0;
}
var hidden_text_default = defineRule({
  code: "MG502",
  name: "hidden-text",
  severity: "high",
  precision: "high",
  summary: "Invisible or look-alike characters in a server name, command, argument or URL (bidi controls, zero-width characters, confusable letters).",
  description: "Bidirectional controls (`U+202E` RIGHT-TO-LEFT OVERRIDE and its kin) make an editor and a diff show text in another order than the bytes a client runs; zero-width characters and Unicode tags hide text altogether (tags spell ASCII that a model reads and a person does not); a Cyrillic `U+0430` in place of the `a` of `paypal`, or a fullwidth `npx` (`U+FF4E`...), looks like Latin text but names another package, host or program. A config change carrying them passes review as something it is not. Reported: any invisible character in a server name, command, argument or URL; a letter of Cyrillic, Greek, Armenian or another script that passes for Latin inside a word that also has Latin letters; a compatibility form of an ASCII letter (fullwidth, mathematical); and, in names, commands and URL hosts, a word made only of letters that look like Latin ones. Text in other scripts on its own (a Russian or Japanese path or title), a zero-width joiner inside an emoji, and a zero-width non-joiner in the scripts that need it are not reported. The message shows the code points escaped. In arguments, a look-alike letter is medium; everything else is high.",
  help: [
    "Retype the value in plain text, and find out how the characters got there. Unsafe (`\\u0430` is a Cyrillic `a`; in the file it may be the raw character, which looks the same):",
    "",
    "```json",
    '{ "mcpServers": { "pay": { "command": "npx", "args": ["-y", "@p\\u0430ypal/mcp@1.2.0"] } } }',
    "```",
    "",
    "Safe:",
    "",
    "```json",
    '{ "mcpServers": { "pay": { "command": "npx", "args": ["-y", "@paypal/mcp@1.2.0"] } } }',
    "```"
  ].join("\n"),
  fix: "retype the value in plain ASCII (or the script you meant) and check where it came from",
  tags: ["security", "supply-chain", "external/cwe/cwe-1007", "external/cwe/cwe-451"],
  messages: {
    invisible: '{field} hides {what}: "{text}"',
    confusable: '{field} has look-alike characters {what}: "{text}"'
  },
  checkServer(server, ctx) {
    const judge3 = (field, path, text, kind) => {
      let found = suspects(text, { wholeWords: kind === "name" || kind === "command" });
      if (kind === "url") {
        const span = hostSpan(text);
        const inHost = span ? suspects([...text].slice(span[0], span[1]).join(""), { wholeWords: true }) : [];
        const shifted = inHost.map((s) => ({ ...s, index: s.index + (span?.[0] ?? 0) }));
        const known = new Set(found.map((s) => s.index));
        found = [...found, ...shifted.filter((s) => !known.has(s.index))].sort((a, b) => a.index - b.index);
      }
      if (found.length === 0) return;
      const invisible = found.filter((s) => s.kind === "invisible");
      const shown2 = invisible.length > 0 ? invisible : found;
      const severity2 = invisible.length === 0 && kind === "arg" ? "medium" : void 0;
      ctx.report({
        path,
        message: invisible.length > 0 ? "invisible" : "confusable",
        data: { field, what: describe(shown2), text: escapedExcerpt(text, found) },
        severity: severity2
      });
    };
    judge3("the server name", server.path, server.name, "name");
    if (server.command) judge3("command", server.command.path, server.command.value, "command");
    const packages = new Set(findLaunches(server).flatMap((l) => l.packages.map((p) => p.word.source)));
    for (const arg of server.args) {
      const kind = packages.has(arg) ? "command" : /^[a-z][a-z0-9+.-]*:\/\//i.test(arg.value) ? "url" : "arg";
      judge3(formatPath(arg.path.slice(server.path.length)), arg.path, arg.value, kind);
    }
    if (server.url) judge3("url", server.url.path, server.url.value, "url");
  }
});

// rules/inconsistent-launch.ts
function canonicalRefs(text) {
  let out = text;
  for (const ref of findRefs(text)) out = out.replace(ref.text, `\${${ref.name}}`);
  return out;
}
function launchIdentity(server) {
  if (runsGuard(argv(server).map((w) => w.text))) return void 0;
  const [endpoint] = endpoints(server);
  if (endpoint) {
    const parsed = parseEndpoint(canonicalRefs(endpoint.url));
    if (!parsed) return void 0;
    const url = `${parsed.origin}${parsed.path.replace(/\/+$/, "")}`;
    return { key: `url ${url}`, kind: "url", host: parsed.origin, version: "", shown: url };
  }
  for (const launch of findLaunches(server)) {
    const pkg = launch.packages[0];
    if (!pkg || pkg.ref.pin === "local" || pkg.ref.pin === "dynamic") continue;
    const { ecosystem, name } = pkg.ref;
    const key = ecosystem === "oci" ? shortImageName(name) : ecosystem === "pypi" ? name.toLowerCase().replace(/[-_.]+/g, "-") : name.toLowerCase();
    const version = pkg.ref.digest ?? (pkg.ref.version === "latest" ? "" : pkg.ref.version ?? "");
    const sep = ecosystem === "oci" ? pkg.ref.digest ? "@" : ":" : ecosystem === "pypi" ? "==" : "@";
    return {
      key: `${ecosystem} ${key}`,
      kind: "package",
      version,
      shown: `${launch.launcher} ${name}${version ? `${sep}${version}` : ""}`
    };
  }
  return void 0;
}
function minor(a, b) {
  if (a.key === b.key) return true;
  if (a.kind !== b.kind) return true;
  return a.kind === "url" && a.host === b.host;
}
var inconsistent_launch_default = defineRule({
  code: "MG407",
  name: "inconsistent-launch",
  severity: "medium",
  precision: "medium",
  summary: "The same server name is launched differently in two config files of one repository or machine.",
  description: "People approve and trust a server by its name. When `github` runs one package for Cursor and another (or another registry's image, or another host) for VS Code or Claude Code, one of the two is not what its reader thinks: a copy that drifted, a config edited in one client only, or a substitution. mcp-guard compares the servers of every config file read in one scan (a repository, or a machine scan with its home and current folder) by name, and reports each launch that differs from the first one met, in file order, with the first as a related location. Compared: the remote endpoint (a `url`, or the URL a bridge such as `mcp-remote` reaches, with every client's variable syntax read alike) and the package a launcher fetches (`npx`, `uvx`, `docker run` ...). Another package, or an endpoint on another host, is medium; the same package at another version, another path on the same host, or a remote endpoint in one file and a package in the other (a vendor's hosted server and its local package) are low. Servers that run a local program (`node server.js`, a binary) or the guard are not compared: their paths differ between clients for good reasons. Two servers of the same name in one file (projects of `.claude.json`) are not compared either.",
  help: [
    "Launch a server the same way everywhere, or give different servers different names. Unsafe:",
    "",
    "```json",
    "// .cursor/mcp.json",
    '{ "mcpServers": { "github": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-github@2025.4.8"] } } }',
    "// .vscode/mcp.json",
    '{ "servers": { "github": { "command": "npx", "args": ["-y", "github-mcp-server-plus@1.0.0"] } } }',
    "```",
    "",
    "Safe: the same package (and version) in both, or a distinct name for the second server."
  ].join("\n"),
  fix: "launch this server as in the other file, or give it its own name",
  tags: ["security", "supply-chain", "consistency"],
  messages: {
    different: "launched as {this} here, but as {other} in {file}: one name, two different servers",
    version: "launched as {this} here, but as {other} in {file}: the same package at another version"
  },
  checkScan(configs, ctx) {
    const first = /* @__PURE__ */ new Map();
    for (const config of configs) {
      for (const server of config.servers) {
        const id = launchIdentity(server);
        if (!id) continue;
        const name = server.name.toLowerCase();
        const seen = first.get(name);
        if (!seen) {
          first.set(name, { config, server, id });
          continue;
        }
        if (seen.config === config || seen.id.key === id.key && seen.id.version === id.version) continue;
        ctx.report({
          config,
          server,
          path: server.path,
          message: seen.id.key === id.key ? "version" : "different",
          severity: minor(seen.id, id) ? "low" : void 0,
          data: { this: id.shown, other: seen.id.shown, file: ctx.fileName(seen.config) },
          related: [
            {
              config: seen.config,
              path: seen.server.path,
              message: `first launched here as ${seen.id.shown}`
            }
          ]
        });
      }
    }
  }
});

// rules/lookalike-package.ts
var import_damerau_levenshtein = __toESM(require_damerau_levenshtein(), 1);

// rules/lookalike-package.known.json
var lookalike_package_known_default = {
  $comment: "Well-known MCP server packages, for MG406 lookalike-package. A launched package one edit away from one of these, in another namespace, is reported. Names only, no versions.",
  source: "npm: MCP server packages with more than about 10,000 downloads a month on the npm registry, from its download counts of December 2026, and the reference servers published under @modelcontextprotocol. PyPI: the reference servers (mcp-server-fetch, -git, -time, -sqlite), the AWS Labs servers (awslabs.*), and the MCP servers among PyPI's 15,000 most downloaded packages of December 2026. Images: GitHub's and Microsoft's official server images, HashiCorp's Terraform server, and the reference servers of Docker Hub's mcp/ namespace. Checked against the packages launched by a corpus of about 150 real client configs from public repositories.",
  updated: "2026-12-05",
  npm: [
    "@21st-dev/magic",
    "@a-bonus/google-docs-mcp",
    "@aashari/mcp-server-atlassian-jira",
    "@agentdeskai/browser-tools-mcp",
    "@antv/mcp-server-chart",
    "@apify/actors-mcp-server",
    "@azure-devops/mcp",
    "@azure/mcp",
    "@benborla29/mcp-server-mysql",
    "@brave/brave-search-mcp-server",
    "@browsermcp/mcp",
    "@bytebase/dbhub",
    "@circleci/mcp-server-circleci",
    "@cloudflare/mcp-server-cloudflare",
    "@cocal/google-calendar-mcp",
    "@composio/mcp",
    "@currents/mcp",
    "@drawio/mcp",
    "@eslint/mcp",
    "@executeautomation/playwright-mcp-server",
    "@gongrzhe/server-gmail-autoauth-mcp",
    "@google-cloud/cloud-run-mcp",
    "@heroku/mcp-server",
    "@hubspot/mcp-server",
    "@instantdb/mcp",
    "@ivotoby/openapi-mcp-server",
    "@larksuiteoapi/lark-mcp",
    "@launchdarkly/mcp-server",
    "@mapbox/mcp-server",
    "@mastra/mcp-docs-server",
    "@mobilenext/mobile-mcp",
    "@modelcontextprotocol/inspector",
    "@modelcontextprotocol/server-aws-kb-retrieval",
    "@modelcontextprotocol/server-brave-search",
    "@modelcontextprotocol/server-everart",
    "@modelcontextprotocol/server-everything",
    "@modelcontextprotocol/server-filesystem",
    "@modelcontextprotocol/server-gdrive",
    "@modelcontextprotocol/server-github",
    "@modelcontextprotocol/server-gitlab",
    "@modelcontextprotocol/server-google-maps",
    "@modelcontextprotocol/server-memory",
    "@modelcontextprotocol/server-postgres",
    "@modelcontextprotocol/server-puppeteer",
    "@modelcontextprotocol/server-redis",
    "@modelcontextprotocol/server-sequential-thinking",
    "@modelcontextprotocol/server-slack",
    "@mondaydotcomorg/monday-api-mcp",
    "@notionhq/notion-mcp-server",
    "@perplexity-ai/mcp-server",
    "@pinecone-database/mcp",
    "@piotr-agier/google-drive-mcp",
    "@playwright/mcp",
    "@railway/mcp-server",
    "@remotion/mcp",
    "@salesforce/mcp",
    "@sentry/mcp-server",
    "@shopify/dev-mcp",
    "@shortcut/mcp",
    "@smithery/cli",
    "@softeria/ms-365-mcp-server",
    "@storybook/mcp",
    "@stripe/mcp",
    "@supabase/mcp-server-supabase",
    "@sveltejs/mcp",
    "@testsprite/testsprite-mcp",
    "@upstash/context7-mcp",
    "@winor30/mcp-server-datadog",
    "@wonderwhy-er/desktop-commander",
    "@zereight/mcp-gitlab",
    "chrome-devtools-mcp",
    "exa-mcp-server",
    "figma-developer-mcp",
    "firecrawl-mcp",
    "mcp-proxy",
    "mcp-remote",
    "mcp-server-code-runner",
    "mcp-server-kubernetes",
    "mongodb-mcp-server",
    "next-devtools-mcp",
    "slack-mcp-server",
    "supergateway",
    "task-master-ai",
    "tavily-mcp",
    "xcodebuildmcp"
  ],
  pypi: [
    "analytics-mcp",
    "arxiv-mcp-server",
    "awslabs.amazon-bedrock-agentcore-mcp-server",
    "awslabs.amazon-kendra-index-mcp-server",
    "awslabs.amazon-keyspaces-mcp-server",
    "awslabs.amazon-mq-mcp-server",
    "awslabs.amazon-neptune-mcp-server",
    "awslabs.amazon-qbusiness-anonymous-mcp-server",
    "awslabs.amazon-qindex-mcp-server",
    "awslabs.amazon-sns-sqs-mcp-server",
    "awslabs.amazon-translate-mcp-server",
    "awslabs.aurora-dsql-mcp-server",
    "awslabs.aws-api-mcp-server",
    "awslabs.aws-appsync-mcp-server",
    "awslabs.aws-bedrock-custom-model-import-mcp-server",
    "awslabs.aws-dataprocessing-mcp-server",
    "awslabs.aws-diagram-mcp-server",
    "awslabs.aws-dms-mcp-server",
    "awslabs.aws-dms-troubleshoot-mcp-server",
    "awslabs.aws-documentation-mcp-server",
    "awslabs.aws-for-sap-management-mcp-server",
    "awslabs.aws-healthomics-mcp-server",
    "awslabs.aws-iac-mcp-server",
    "awslabs.aws-infrastructure-mcp-server",
    "awslabs.aws-iot-sitewise-mcp-server",
    "awslabs.aws-location-mcp-server",
    "awslabs.aws-network-mcp-server",
    "awslabs.aws-pricing-mcp-server",
    "awslabs.aws-security-hub-mcp-server",
    "awslabs.aws-serverless-mcp-server",
    "awslabs.aws-support-mcp-server",
    "awslabs.aws-tasks-mcp-server",
    "awslabs.aws-transform-mcp-server",
    "awslabs.bedrock-kb-retrieval-mcp-server",
    "awslabs.billing-cost-management-mcp-server",
    "awslabs.cdk-mcp-server",
    "awslabs.cfn-mcp-server",
    "awslabs.cloudtrail-mcp-server",
    "awslabs.cloudwatch-applicationsignals-mcp-server",
    "awslabs.cloudwatch-mcp-server",
    "awslabs.code-doc-gen-mcp-server",
    "awslabs.core-mcp-server",
    "awslabs.cost-explorer-mcp-server",
    "awslabs.db2-mcp-server",
    "awslabs.document-loader-mcp-server",
    "awslabs.documentdb-mcp-server",
    "awslabs.dynamodb-mcp-server",
    "awslabs.ec2-mcp-server",
    "awslabs.ecs-mcp-server",
    "awslabs.eks-mcp-server",
    "awslabs.elasticache-mcp-server",
    "awslabs.finch-mcp-server",
    "awslabs.frontend-mcp-server",
    "awslabs.healthimaging-mcp-server",
    "awslabs.healthlake-mcp-server",
    "awslabs.iac-mcp-server",
    "awslabs.iam-mcp-server",
    "awslabs.kinesis-mcp-server",
    "awslabs.lambda-tool-mcp-server",
    "awslabs.memcached-mcp-server",
    "awslabs.mssql-mcp-server",
    "awslabs.mysql-mcp-server",
    "awslabs.nova-canvas-mcp-server",
    "awslabs.openapi-mcp-server",
    "awslabs.oracle-mcp-server",
    "awslabs.pcap-analyzer-mcp-server",
    "awslabs.postgres-mcp-server",
    "awslabs.prometheus-mcp-server",
    "awslabs.redshift-mcp-server",
    "awslabs.roda-mcp-server",
    "awslabs.s3-tables-mcp-server",
    "awslabs.sagemaker-ai-mcp-server",
    "awslabs.security-agent-mcp-server",
    "awslabs.stepfunctions-tool-mcp-server",
    "awslabs.terraform-mcp-server",
    "awslabs.timestream-for-influxdb-mcp-server",
    "awslabs.valkey-mcp-server",
    "awslabs.well-architected-security-mcp-server",
    "blender-mcp",
    "chroma-mcp",
    "duckduckgo-mcp-server",
    "excel-mcp-server",
    "lean-lsp-mcp",
    "markitdown-mcp",
    "mcp-atlassian",
    "mcp-clickhouse",
    "mcp-grafana",
    "mcp-proxy",
    "mcp-proxy-for-aws",
    "mcp-server-duckdb",
    "mcp-server-fetch",
    "mcp-server-git",
    "mcp-server-motherduck",
    "mcp-server-qdrant",
    "mcp-server-sqlite",
    "mcp-server-time",
    "mysql-mcp-server",
    "office-word-mcp-server",
    "opensearch-mcp-server-py",
    "pagerduty-mcp",
    "postgres-mcp",
    "serena-agent",
    "snowflake-labs-mcp",
    "workspace-mcp"
  ],
  oci: [
    "ghcr.io/github/github-mcp-server",
    "hashicorp/terraform-mcp-server",
    "mcp/brave-search",
    "mcp/context7",
    "mcp/everything",
    "mcp/fetch",
    "mcp/filesystem",
    "mcp/git",
    "mcp/github",
    "mcp/memory",
    "mcp/notion",
    "mcp/playwright",
    "mcp/postgres",
    "mcp/puppeteer",
    "mcp/sequentialthinking",
    "mcp/slack",
    "mcp/sqlite",
    "mcp/time",
    "mcr.microsoft.com/playwright/mcp"
  ]
};

// rules/lookalike-package.ts
var MIN_LENGTH = 8;
function canonical(name, ecosystem) {
  if (ecosystem === "pypi") return name.toLowerCase().replace(/[-_.]+/g, "-");
  if (ecosystem === "oci") return shortImageName(name);
  return name.toLowerCase();
}
function namespace(name, ecosystem) {
  if (ecosystem === "pypi") return void 0;
  if (ecosystem === "npm") return name.startsWith("@") ? name.slice(0, name.indexOf("/")) : void 0;
  const slash = name.lastIndexOf("/");
  return slash > 0 ? name.slice(0, slash) : void 0;
}
var LONG_WORD = 8;
var ROWS = [
  ["1234567890-", 0],
  ["qwertyuiop", 0.5],
  ["asdfghjkl", 0.75],
  ["zxcvbnm", 1.25]
];
var KEYS = /* @__PURE__ */ new Map();
ROWS.forEach(([keys, offset], row) => {
  for (let i = 0; i < keys.length; i++) KEYS.set(keys[i], { row, x: i + offset });
});
function neighbourKeys(a, b) {
  const ka = KEYS.get(a);
  const kb = KEYS.get(b);
  if (!ka || !kb || a === b) return false;
  return Math.abs(ka.row - kb.row) <= 1 && Math.abs(ka.x - kb.x) <= 1;
}
var LOOK_ALIKE = ["0o", "1li", "5s", "2z", "8b", "9gq", "uv"];
function lookAlike(a, b) {
  return LOOK_ALIKE.some((group) => group.includes(a) && group.includes(b));
}
var SEPARATOR = /[-_./@:]/;
var WORD_CHAR2 = /[a-z0-9]/;
function wordLength(s, at) {
  let start = at;
  let end = at;
  while (start > 0 && WORD_CHAR2.test(s[start - 1])) start--;
  while (end < s.length && WORD_CHAR2.test(s[end])) end++;
  return end - start;
}
function slipBetween(typed, meant) {
  let at = 0;
  while (at < typed.length && at < meant.length && typed[at] === meant[at]) at++;
  if (typed.length < meant.length) return "missing";
  if (typed.length > meant.length) {
    const added = typed[at];
    const before = typed[at - 1];
    const after = typed[at + 1];
    if (added === before || added === after) return "doubled";
    if (SEPARATOR.test(added)) return "separator";
    if (neighbourKeys(added, before) || neighbourKeys(added, after)) return "neighbour-key";
    if (/\d/.test(added) && at === typed.length - 1) return "version-digit";
    if (before && after && WORD_CHAR2.test(before) && WORD_CHAR2.test(after)) return "inside-word";
    return void 0;
  }
  if (typed[at] === meant[at + 1] && typed[at + 1] === meant[at]) return "swapped";
  const [was, now] = [meant[at], typed[at]];
  if (SEPARATOR.test(was) || SEPARATOR.test(now)) return "separator";
  if (lookAlike(was, now)) return "look-alike";
  if (neighbourKeys(was, now)) return "neighbour-key";
  if (wordLength(meant, at) >= LONG_WORD) return "inside-word";
  return void 0;
}
var LISTS = { npm: lookalike_package_known_default.npm, pypi: lookalike_package_known_default.pypi, oci: lookalike_package_known_default.oci };
var CANONICAL = Object.fromEntries(
  Object.entries(LISTS).map(([eco, names]) => [
    eco,
    names.map((n) => ({ name: n, key: canonical(n, eco) }))
  ])
);
function lookalikeOf(ref) {
  if (ref.pin === "local" || ref.pin === "dynamic") return void 0;
  if (/[:#]/.test(ref.name) || ref.ecosystem === "npm" && /^[^@].*\//.test(ref.name)) return void 0;
  const key = canonical(ref.name, ref.ecosystem);
  const known = CANONICAL[ref.ecosystem];
  if (key.length < MIN_LENGTH || known.some((k) => k.key === key)) return void 0;
  const space = namespace(key, ref.ecosystem);
  for (const k of known) {
    if (Math.abs(k.key.length - key.length) > 1) continue;
    if (space !== void 0 && space === namespace(k.key, ref.ecosystem)) continue;
    if ((0, import_damerau_levenshtein.default)(key, k.key).steps === 1 && slipBetween(key, k.key)) return k.name;
  }
  return void 0;
}
var lookalike_package_default = defineRule({
  code: "MG406",
  name: "lookalike-package",
  severity: "high",
  precision: "medium",
  summary: "A launched package is one letter away from a well-known MCP server package, but is not it.",
  description: "Typo-squatters publish packages whose names differ from a popular one by one slip: a missing, doubled or swapped character, a neighbouring key, a look-alike character, a changed separator or an added version digit (`@modelcontextprotocl/server-github`, `mcp-server-fecth`, `mcp-remotte`, `@modelcontextprotocoI/server-github`, `ghcr.io/githb/github-mcp-server`). A config that launches one with `npx`, `uvx` or `docker run` runs the squatter's code with the user's files and credentials, and the name reads right at a glance. mcp-guard compares every package a server launches (npm, PyPI and container images, each with its own registry's list, without version or tag) with a list of well-known MCP server packages shipped with the rule (`rules/lookalike-package.known.json`, which states its source) and reports a name one such slip away from one of them. Not reported: the well-known packages themselves; an edit that makes another name rather than a misspelling (a far letter in a short word, `tcp-proxy` for `mcp-proxy`; a letter at a word's edge, `gworkspace-mcp`); names shorter than 8 characters; and a name in the same npm scope or image namespace as the known package (only the owner of `@modelcontextprotocol` or `mcp/` can publish there). A real package can have a near name; if it is the one you meant, ignore the finding for it.",
  help: [
    "Launch the package you meant, spelled exactly. Unsafe:",
    "",
    "```json",
    '{ "mcpServers": { "fs": { "command": "npx", "args": ["-y", "@modelcontextprotocl/server-filesystem@2026.8.31", "/work"] } } }',
    "```",
    "",
    "Safe:",
    "",
    "```json",
    '{ "mcpServers": { "fs": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem@2026.8.31", "/work"] } } }',
    "```"
  ].join("\n"),
  fix: "check the package name letter by letter against the one you meant, and use the real one",
  tags: ["security", "supply-chain", "external/cwe/cwe-494", "external/cwe/cwe-1357"],
  messages: {
    lookalike: "{launcher} runs {package}, one letter away from the well-known {known}: is it the package you meant?"
  },
  checkServer(server, ctx) {
    for (const launch of findLaunches(server)) {
      for (const pkg of launch.packages) {
        const known = lookalikeOf(pkg.ref);
        if (known) {
          ctx.report({
            path: pkg.word.source.path,
            message: "lookalike",
            data: { launcher: launch.launcher, package: pkg.ref.name, known }
          });
        }
      }
    }
  }
});

// rules/plaintext-http.ts
var plaintext_http_default = defineRule({
  code: "MG102",
  name: "plaintext-http",
  severity: "high",
  precision: "high",
  summary: "A remote MCP server is reached over unencrypted http:// or ws://.",
  description: "Over plain HTTP or WebSocket, anyone on the path (shared Wi-Fi, a proxy, a compromised router) can read the tool calls, their results and any credential the client sends, and can rewrite the answers, for example to inject instructions into a tool result. Loopback addresses are not reported; hosts on a private network are reported at medium, since the path is shorter but still shared, unless the client sends a credential over it (high).",
  help: [
    "Use `https://` (or `wss://`). Unsafe:",
    "",
    "```json",
    '{ "mcpServers": { "crm": { "url": "http://mcp.example.com/mcp" } } }',
    "```",
    "",
    "Safe:",
    "",
    "```json",
    '{ "mcpServers": { "crm": { "url": "https://mcp.example.com/mcp" } } }',
    "```",
    "",
    "For a server on your own machine, use `http://127.0.0.1:<port>` (or `localhost`): loopback is not reported."
  ].join("\n"),
  fix: "use https:// (or wss://) for remote servers",
  tags: ["security", "network", "external/cwe/cwe-319"],
  messages: {
    plaintext: "{scheme}:// to remote host {origin}: {what} travel unencrypted",
    plaintextLan: "{scheme}:// to {origin} on the local network: {what} travel unencrypted"
  },
  checkServer(server, ctx) {
    for (const ep of judgedEndpoints(server)) {
      const { scheme, kind, origin } = ep.parsed;
      if (scheme !== "http" && scheme !== "ws" || !isRemote(kind)) continue;
      const lan = isLocalNetwork(kind);
      const credential = sendsCredential(server, ep);
      ctx.report({
        path: ep.source.path,
        message: lan ? "plaintextLan" : "plaintext",
        data: { scheme, origin, what: credential ? "tool calls and the credential" : "tool calls" },
        severity: lan && !credential ? "medium" : void 0
      });
    }
  }
});

// rules/remote-no-auth.ts
var remote_no_auth_default = defineRule({
  code: "MG101",
  name: "remote-no-auth",
  severity: "medium",
  precision: "medium",
  summary: "A remote MCP server is configured with no credential: no auth header, token, OAuth or key.",
  description: "An MCP server reachable over the network runs its tools for whoever connects. When the client config sends no credential (no Authorization or API-key header, no bearer token variable, no headers helper, no OAuth settings, no key in the URL), either the server accepts anonymous calls, so anyone who learns its address can call its tools and read what they return, or the server asks for OAuth at connect time, which the scanner cannot see. Servers on loopback are not reported. Medium: a raw public IP, a tunnel, or plain http (OAuth needs TLS, so nothing can be negotiated). Low: a named HTTPS host (it may ask for OAuth at connect time) or a host on a private network.",
  help: [
    "Send a credential, kept out of the file with a variable reference, or configure OAuth. Unsafe:",
    "",
    "```json",
    '{ "mcpServers": { "crm": { "url": "https://mcp.example.com/mcp" } } }',
    "```",
    "",
    "Safe:",
    "",
    "```json",
    '{ "mcpServers": { "crm": { "url": "https://mcp.example.com/mcp",',
    '  "headers": { "Authorization": "Bearer ${env:CRM_TOKEN}" } } } }',
    "```",
    "",
    "If the server is public on purpose (a documentation server) or negotiates OAuth itself, ignore the finding with a reason."
  ].join("\n"),
  fix: "send a credential (an Authorization header from a variable, bearer_token_env_var, or OAuth)",
  tags: ["security", "network", "authentication", "external/cwe/cwe-306"],
  messages: {
    noAuth: "remote server {origin} is reached with no credential: no auth header, token, OAuth or key",
    noAuthMaybeOAuth: "remote server {origin} is reached with no credential configured; unless it asks for OAuth when connecting, anyone can call its tools",
    noAuthBridge: "{bridge} connects to remote server {origin} with no credential: no auth header, token, OAuth or key"
  },
  checkServer(server, ctx) {
    for (const ep of judgedEndpoints(server)) {
      const { kind, scheme, origin } = ep.parsed;
      if (!isRemote(kind) || sendsCredential(server, ep)) continue;
      const mayNegotiate = kind === "name" && (scheme === "https" || scheme === "wss");
      ctx.report({
        path: ep.source.path,
        message: mayNegotiate ? "noAuthMaybeOAuth" : ep.via === "bridge" ? "noAuthBridge" : "noAuth",
        data: { origin, bridge: bridgeName(argv(server)) },
        severity: mayNegotiate || isLocalNetwork(kind) ? "low" : void 0
      });
    }
  }
});
function bridgeName(words) {
  const w = words.find((x) => /mcp-remote|supergateway|mcp-proxy/i.test(x.text));
  return w ? w.text.match(/mcp-remote|supergateway|mcp-proxy/i)?.[0] ?? "a bridge" : "a bridge";
}

// rules/servers-ignored.ts
var SHOWN2 = 5;
var servers_ignored_default = defineRule({
  code: "MG001",
  name: "servers-ignored",
  severity: "low",
  precision: "high",
  summary: "A servers map that the file's client does not read (both `servers` and `mcpServers`).",
  description: "Some files hold two servers maps, usually `servers` (VS Code's key) and `mcpServers` (everyone else's), after a copy and paste between clients. Each client reads only its own key: VS Code ignores `mcpServers` in `.vscode/mcp.json`, Claude Code ignores `servers` in `.mcp.json`. The servers under the other key never start, though whoever wrote them thinks they do, and a different client given the same file would start them. mcp-guard judges the file as its client reads it, and reports the other map here instead of dropping it. A literal secret in it is still reported (MG301): it is in the file all the same.",
  help: [
    "Keep one servers map, under the key the client reads. Unsafe (VS Code reads only `servers`):",
    "",
    "```json",
    '{ "servers": { "docs": { "url": "https://docs.example.com/mcp" } }, "mcpServers": { "db": { "command": "db-mcp" } } }',
    "```",
    "",
    "Safe:",
    "",
    "```json",
    '{ "servers": { "docs": { "url": "https://docs.example.com/mcp" }, "db": { "command": "db-mcp" } } }',
    "```"
  ].join("\n"),
  fix: "move these servers under the key the client reads, or delete them",
  tags: ["correctness"],
  messages: {
    ignored: "{client} reads {reads}, not {key}: {count} server(s) here never start ({names})"
  },
  checkFile(config, ctx) {
    const client = clientById(config.client).name;
    for (const map of config.ignored) {
      const names = map.servers.map((s) => s.name);
      const more = names.length > SHOWN2 ? ` and ${names.length - SHOWN2} more` : "";
      ctx.report({
        path: map.path,
        message: "ignored",
        data: {
          client,
          reads: map.reads,
          key: formatPath(map.path),
          count: names.length,
          names: names.slice(0, SHOWN2).join(", ") + more
        }
      });
    }
  }
});

// rules/shell-wrapper.ts
var SHOWN3 = 80;
var WINDOWS_WRAPPED = /* @__PURE__ */ new Set([
  "npx",
  "npm",
  "pnpm",
  "pnpx",
  "yarn",
  "bunx",
  "bun",
  "uvx",
  "uv",
  "pipx",
  "node",
  "deno",
  "python",
  "python3",
  "py",
  "docker",
  "podman"
]);
var METACHARS = /[;&|<>`$()%^\n]/;
function isPlainWindowsWrapper(sh) {
  return sh.shell === "cmd" && WINDOWS_WRAPPED.has(programName(sh.inner[0]?.text)) && !sh.inner.some((w) => METACHARS.test(w.text));
}
function shownScript(script) {
  const words = script.replace(/\s+/g, " ").trim().split(" ");
  const out = words.map((w, i) => {
    const assign = /^(-{0,2}[A-Za-z_][\w.-]*)([=:])(.+)$/.exec(w);
    if (assign && isSecretName(assign[1]) && !/^\$|^%/.test(assign[3]))
      return `${assign[1]}${assign[2]}${preview(assign[3].replace(/^["']|["']$/g, ""))}`;
    const prev = words[i - 1];
    if (prev && /^-{1,2}\w/.test(prev) && isSecretName(prev) && !/^[$%-]/.test(w)) return preview(w);
    return looksLikeSecret(w.replace(/^["']|["']$/g, ""), "bare") ? preview(w.replace(/^["']/, "")) : w;
  });
  const text = out.join(" ");
  return text.length > SHOWN3 ? `${text.slice(0, SHOWN3 - 1)}\u2026` : text;
}
var shell_wrapper_default = defineRule({
  code: "MG402",
  name: "shell-wrapper",
  severity: "medium",
  precision: "high",
  summary: "The server is started through a shell running a command string.",
  description: "With `sh -c`, `bash -c`, `zsh -c`, `cmd /c`, `powershell -Command` or `-EncodedCommand`, the client starts a shell and the shell decides what runs: variable expansion, command substitution, `&&` chains, pipes and redirections all apply, so the program that really starts is not the one a reviewer (or a scanner) sees, and a value spliced into the string can inject commands. An encoded PowerShell command hides the string entirely and is reported at high. A string that is one plain command with no shell syntax is reported at low: the shell adds nothing but is harmless. The standard Windows form `cmd /c npx -y pkg` (also with `uvx`, `node`, `python`, `docker` ...), which clients document because `npx` is a batch file there, is not reported; the package inside is still checked by MG401.",
  help: [
    "Start the program directly, with its arguments as a list; move setup (`cd`, `export`) into `cwd` and `env`. Unsafe:",
    "",
    "```json",
    '{ "mcpServers": { "tools": { "command": "bash", "args": ["-c", "cd ~/tools && source .env && node server.js"] } } }',
    "```",
    "",
    "Safe:",
    "",
    "```json",
    '{ "mcpServers": { "tools": { "command": "node", "args": ["server.js"], "cwd": "/home/me/tools", "envFile": "/home/me/tools/.env" } } }',
    "```",
    "",
    "If the setup is real work, put it in a script file checked into the repository and run that script directly."
  ].join("\n"),
  fix: "run the program directly with an args list; use cwd/env instead of shell setup",
  tags: ["security", "execution", "external/cwe/cwe-78"],
  messages: {
    shell: "{shell} {flag} runs a shell string: {script}",
    encoded: "{shell} {flag} runs a hidden (base64) command: {script}"
  },
  checkServer(server, ctx) {
    const sh = shellInvocation(argv(server));
    if (!sh || isPlainWindowsWrapper(sh)) return;
    const plain = !METACHARS.test(sh.script) && sh.inner.length > 0;
    ctx.report({
      path: sh.scriptWord.source.path,
      message: sh.encoded ? "encoded" : "shell",
      data: { shell: programName(sh.program.text), flag: sh.flag.text, script: shownScript(sh.script) },
      severity: sh.encoded ? "high" : plain ? "low" : void 0
    });
  }
});

// rules/tls-verification-disabled.ts
var OFF_WHEN_FALSE = /^(NODE_TLS_REJECT_UNAUTHORIZED|PYTHONHTTPSVERIFY|.*_?REJECT_?UNAUTHORIZED|.*(SSL|TLS|CERTS?|HTTPS)_?VERIFY(_?(SSL|TLS|CERTS?))?|.*VERIFY_?(SSL|TLS|CERTS?|HTTPS))$/i;
var OFF_WHEN_TRUE = /^(GIT_SSL_NO_VERIFY|.*(SSL|TLS|CERTS?|HTTPS)_?(NO_?VERIFY|SKIP_?VERIFY|VERIFY_?SKIP|INSECURE|DISABLE_?VERIFY|VERIFY_?DISABLED?|IGNORE(_?ERRORS)?)|.*(INSECURE_?SKIP_?(TLS_?)?VERIFY|SKIP_?(SSL|TLS|CERTS?)_?(VERIFY|VERIFICATION|CHECK)|(ALLOW|USE)_?INSECURE(_?(SSL|TLS))?|DISABLE_?(SSL|TLS|CERTS?)_?(VERIFY|VERIFICATION|CHECK)?|IGNORE_?(SSL|TLS|CERTS?)(_?ERRORS)?|NO_?VERIFY_?(SSL|TLS|CERTS?)))$/i;
var INSECURE_FLAGS = /* @__PURE__ */ new Set([
  "--insecure",
  "--no-check-certificate",
  "--ignore-certificate-errors",
  "--allow-insecure",
  "--insecure-skip-tls-verify",
  "--skip-tls-verify",
  "--tls-skip-verify",
  "--no-verify-ssl",
  "--ssl-no-verify",
  "--no-ssl-verify",
  "--disable-ssl-verification",
  "--ignore-ssl-errors",
  "--accept-insecure-certs",
  "--tlsallowinvalidcertificates",
  "--tls-allow-invalid-certificates"
]);
var VERIFY_FLAGS = /^--?(tls-verify|ssl-verify|verify-ssl|verify-tls|verify|strict-ssl|reject-unauthorized|rejectunauthorized)$/i;
var K_PROGRAMS = /* @__PURE__ */ new Set(["curl", "curlie", "xh", "http", "https"]);
var FALSE = /^(0|false|no|off|n)$/i;
var TRUE = /^(1|true|yes|on|y)$/i;
function envSwitch(name, value) {
  const v = value.trim().replace(/^["']|["']$/g, "");
  if (OFF_WHEN_FALSE.test(name) && FALSE.test(v)) return `${name}=${v}`;
  if (OFF_WHEN_TRUE.test(name) && TRUE.test(v)) return `${name}=${v}`;
  return void 0;
}
function argSwitch(word, program, next) {
  const lower = word.toLowerCase();
  if (INSECURE_FLAGS.has(lower)) return word;
  if (/^-[A-Za-z]*k[A-Za-z]*$/.test(word) && K_PROGRAMS.has(program)) return `${program} ${word}`;
  const eq = /^(--?[\w-]+)=(.*)$/.exec(word);
  if (eq && VERIFY_FLAGS.test(eq[1]) && FALSE.test(eq[2])) return word;
  if (VERIFY_FLAGS.test(word) && next !== void 0 && FALSE.test(next)) return `${word} ${next}`;
  const assign = /^([A-Za-z_][\w]*)=(.*)$/s.exec(word);
  if (assign) return envSwitch(assign[1], assign[2]);
  const js = /["']?rejectUnauthorized["']?\s*[:=]\s*(false|0)\b/i.exec(word);
  if (js) return js[0];
  return void 0;
}
var tls_verification_disabled_default = defineRule({
  code: "MG405",
  name: "tls-verification-disabled",
  severity: "high",
  precision: "high",
  summary: "TLS certificate verification is switched off (NODE_TLS_REJECT_UNAUTHORIZED=0, --insecure, -k ...).",
  description: "With certificate verification off, the server accepts any certificate for the hosts it talks to, so anyone on the network path (public Wi-Fi, a compromised proxy, a hostile DNS answer) can impersonate the upstream API, read the API keys and data the server sends, and feed the model forged answers. The switch is usually added to get past a corporate proxy or a self-signed certificate and then forgotten; it also applies to every other host the process contacts.",
  help: [
    "Remove the switch and trust the certificate instead: point the runtime at the CA bundle that signed it. Unsafe:",
    "",
    "```json",
    '{ "mcpServers": { "jira": { "command": "npx", "args": ["-y", "mcp-jira@1.2.0"],',
    '  "env": { "NODE_TLS_REJECT_UNAUTHORIZED": "0" } } } }',
    "```",
    "",
    "Safe (Node: `NODE_EXTRA_CA_CERTS`; Python requests: `REQUESTS_CA_BUNDLE`; curl: `--cacert`; git: `GIT_SSL_CAINFO`):",
    "",
    "```json",
    '{ "mcpServers": { "jira": { "command": "npx", "args": ["-y", "mcp-jira@1.2.0"],',
    '  "env": { "NODE_EXTRA_CA_CERTS": "/etc/ssl/certs/corp-root.pem" } } } }',
    "```"
  ].join("\n"),
  fix: "remove the switch; trust the CA that signed the certificate (NODE_EXTRA_CA_CERTS, REQUESTS_CA_BUNDLE, --cacert)",
  tags: ["security", "network", "tls", "external/cwe/cwe-295"],
  messages: {
    env: "env `{setting}` turns off TLS certificate verification for this server",
    arg: "`{setting}` turns off TLS certificate verification for this server"
  },
  checkServer(server, ctx) {
    for (const [name, v] of Object.entries(server.env)) {
      if (v.refs.length > 0) continue;
      const setting = envSwitch(name, v.value);
      if (setting) ctx.report({ path: v.path, message: "env", data: { setting } });
    }
    const reported = /* @__PURE__ */ new Set();
    const words = argv(server);
    let program = programName(words[0]?.text);
    words.forEach((w, i) => {
      const inner = /\s/.test(w.text) ? splitShell(w.text) : [w.text];
      inner.forEach((text, j) => {
        if (reported.has(w.source)) return;
        if (K_PROGRAMS.has(programName(text)) || j === 0 && inner.length > 1) program = programName(text);
        const next = j + 1 < inner.length ? inner[j + 1] : words[i + 1]?.text;
        const setting = argSwitch(text, program, next);
        if (setting) {
          reported.add(w.source);
          ctx.report({ path: w.source.path, message: "arg", data: { setting } });
        }
      });
    });
  }
});

// rules/unguarded-server.ts
var unguarded_server_default = defineRule({
  code: "MG201",
  name: "unguarded-server",
  severity: "low",
  precision: "medium",
  summary: "A local MCP server is launched directly, not through `mcp-guard guard serve`.",
  description: "A server the client starts itself runs every tool call the model makes, with the client user's rights, and leaves no record. Running it behind `mcp-guard guard serve` adds a tool allow/deny list, rate and spend limits, human approval for risky tools and a tamper-evident audit log, without changing the server. This is a hardening suggestion, hence low severity.",
  help: [
    "Launch the server through the guard (the server and its arguments follow `--`). Unsafe:",
    "",
    "```json",
    '{ "mcpServers": { "files": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem@2026.8.31", "/data"] } } }',
    "```",
    "",
    "Safe:",
    "",
    "```json",
    '{ "mcpServers": { "files": { "command": "npx", "args": ["-y", "mcp-guard", "guard", "serve", "--config", "mcp-guard.yaml"] } } }',
    "```"
  ].join("\n"),
  fix: "launch it through `mcp-guard guard serve` with a guard config that lists it as a backend",
  tags: ["security", "hardening"],
  messages: {
    direct: 'server "{server}" is launched directly ({program}), not through mcp-guard guard serve'
  },
  checkServer(server, ctx) {
    if (ctx.config.client === "mcp-guard") return;
    const words = argv(server);
    if (words.length === 0) return;
    const texts = words.map((w) => w.text);
    if (runsGuard(texts)) return;
    ctx.report({
      path: words[0].source.path,
      message: "direct",
      data: { server: server.name, program: programName(texts[0]) || texts[0] }
    });
  }
});

// rules/unpinned-package.ts
var DEV_RUNNERS = /* @__PURE__ */ new Set([
  "tsx",
  "ts-node",
  "node",
  "tsc",
  "vite-node",
  "nodemon",
  "esno",
  "esrun",
  "jiti"
]);
function fetchesNothing(launch) {
  return launch.options.some((o) => o.name === "no" || o.name === "no-install" || o.name === "offline");
}
function severityOf(ref) {
  if (ref.ecosystem === "npm" && DEV_RUNNERS.has(ref.name)) return "low";
  if (ref.ecosystem === "oci" && !ref.name.includes("/")) return "low";
  return void 0;
}
function shown(ref) {
  return ref.name.replace(/\/\/[^/@\s]*@/, "//");
}
function judge2(launch, ref) {
  const data = { launcher: launch.launcher, package: shown(ref), version: ref.version ?? "" };
  if (ref.ecosystem === "oci") {
    if (ref.pin === "latest") return { message: "imageLatest", data };
    if (ref.pin === "none") return { message: "imageNone", data };
    return void 0;
  }
  switch (ref.pin) {
    case "latest":
      return { message: "latest", data };
    case "none":
      return { message: ref.version ? "gitRef" : "none", data };
    case "range":
      return { message: "range", data };
    case "tag":
      return { message: "tag", data };
    default:
      return void 0;
  }
}
var unpinned_package_default = defineRule({
  code: "MG401",
  name: "unpinned-package",
  severity: "medium",
  precision: "high",
  summary: "A package runner or container launch fetches a server without an exact version.",
  description: "`npx`, `bunx`, `pnpm dlx`, `yarn dlx`, `npm exec`, `uvx`, `uv tool run` and `pipx run` download the package they run, and `docker run` / `podman run` pull the image. Without an exact version (or with `@latest`, a range such as `^1`, a dist-tag, or an image with no tag or `:latest`), every client start may run a different release: a hijacked maintainer account, a malicious update or a dependency confusion reaches the machine on the next restart, with the user's files and credentials, and nothing in the reviewed config changes. Pinned specs are not reported: `pkg@1.2.3`, `@scope/pkg@1.2.3`, `pkg==1.2.3`, `--from pkg==1.2.3`, an image tag such as `:1.4.0`, or best, a digest `@sha256:...`. Launchers wrapped in `cmd /c` or `bash -c \"...\"` are looked through. Local paths, specs built from variables, and `npx --no-install` / `uvx --offline` (nothing is fetched) are not judged. Reported at low: development runners such as `npx tsx server.ts` (usually the project's own copy) and one-word images (`kali-mcp-server`: built locally, or a Docker official image).",
  help: [
    "Pin the exact version you reviewed, and update it deliberately. Unsafe:",
    "",
    "```json",
    '{ "mcpServers": { "github": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"] } } }',
    "```",
    "",
    "Safe:",
    "",
    "```json",
    '{ "mcpServers": { "github": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-github@2025.4.8"] } } }',
    "```",
    "",
    "Python: `uvx mcp-server-time==0.6.2` (or `uvx --from mcp-server-time==0.6.2 mcp-server-time`). Containers: `ghcr.io/github/github-mcp-server:v0.4.0`, or better `ghcr.io/github/github-mcp-server@sha256:<digest>`."
  ].join("\n"),
  fix: "pin an exact version (pkg@1.2.3, pkg==1.2.3, image:tag or image@sha256:...)",
  tags: ["security", "supply-chain", "external/cwe/cwe-494", "external/cwe/cwe-829"],
  messages: {
    none: "{launcher} runs {package} without a version: each start may fetch a different release",
    latest: "{launcher} runs {package}@latest: each start fetches whatever was published last",
    range: "{launcher} runs {package} with the range {version}, not an exact version",
    tag: "{launcher} runs {package} with the tag {version}, which the publisher can move",
    gitRef: "{launcher} runs {package} from the git ref {version}, not a commit or release tag",
    imageNone: "{launcher} runs image {package} without a tag or digest (it means :latest)",
    imageLatest: "{launcher} runs image {package}:latest: each pull may bring a different image"
  },
  checkServer(server, ctx) {
    for (const launch of findLaunches(server)) {
      if (fetchesNothing(launch)) continue;
      for (const pkg of launch.packages) {
        const verdict = judge2(launch, pkg.ref);
        if (verdict) ctx.report({ path: pkg.word.source.path, ...verdict, severity: severityOf(pkg.ref) });
      }
    }
  }
});

// rules/index.ts
var RULES = [
  config_unparseable_default,
  servers_ignored_default,
  remote_no_auth_default,
  plaintext_http_default,
  credential_in_url_default,
  exposed_endpoint_default,
  unguarded_server_default,
  auto_approve_default,
  guard_auth_disabled_default,
  guard_weak_secret_default,
  guard_no_limits_default,
  guard_config_invalid_default,
  hardcoded_secret_default,
  unpinned_package_default,
  shell_wrapper_default,
  docker_privileged_default,
  broad_filesystem_access_default,
  tls_verification_disabled_default,
  lookalike_package_default,
  inconsistent_launch_default,
  config_permissions_default,
  hidden_text_default
];

// src/scan/filter.ts
var import_picomatch = __toESM(require_picomatch(), 1);
import { readFile } from "node:fs/promises";

// src/scan/fingerprint.ts
import { createHash } from "node:crypto";
function hashParts(...parts) {
  return createHash("sha256").update(parts.map((p) => p ?? "").join("\0")).digest("hex").slice(0, 32);
}
function configuredFolder(file) {
  const parts = file.split("/").slice(0, -1);
  const dot = parts.findIndex((p) => p.startsWith(".") && p !== "." && p !== "..");
  return (dot === -1 ? parts : parts.slice(0, dot)).join("/");
}
function shape(path) {
  return formatPath(path.map((seg) => typeof seg === "number" ? "*" : seg));
}
function startsWith(path, prefix) {
  return prefix.length <= path.length && prefix.every((seg, i) => path[i] === seg);
}
function fingerprint(f) {
  if (f.server !== null && f.serverPath && startsWith(f.path, f.serverPath)) {
    const inside = f.path.slice(f.serverPath.length);
    return hashParts(
      "2",
      f.ruleId,
      `${f.client}@${configuredFolder(f.file)}`,
      f.server,
      shape(inside),
      f.message
    );
  }
  return hashParts("2", f.ruleId, f.file, f.server, shape(f.path), f.message);
}
function legacyFingerprint(f) {
  return hashParts(f.ruleId, f.file, f.server, formatPath(f.path), f.message);
}

// src/scan/filter.ts
var PROJECT_CONFIG_NAME = ".mcp-guard-scan.yaml";
var severity = external_exports.enum(SEVERITIES);
var ProjectConfigSchema = external_exports.object({
  rules: external_exports.record(
    external_exports.string().regex(/^MG\d{3}$/, "rule codes look like MG301"),
    external_exports.union([
      external_exports.literal("off"),
      severity,
      external_exports.object({ severity: severity.optional(), enabled: external_exports.boolean().optional() })
    ])
  ).optional(),
  ignore: external_exports.array(
    external_exports.object({
      rule: external_exports.string().regex(/^(MG\d{3}|\*)$/, "use a rule code such as MG301, or *"),
      path: external_exports.string().optional(),
      server: external_exports.string().optional(),
      reason: external_exports.string().optional()
    }).strict()
  ).optional()
}).strict();
var ConfigError = class extends Error {
  constructor(message) {
    super(message);
    this.name = "ConfigError";
  }
};
function emptyProjectConfig() {
  return { disabled: /* @__PURE__ */ new Set(), severities: /* @__PURE__ */ new Map(), ignores: [] };
}
async function loadProjectConfig(file) {
  const text = await readFile(file, "utf8").catch((e) => {
    throw new ConfigError(`${file}: cannot read: ${e.message}`);
  });
  const doc = parseDocument(text, file.endsWith(".json") ? "jsonc" : "yaml");
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    throw new ConfigError(`${file}:${e.line}:${e.column}: ${e.message}`);
  }
  const parsed = ProjectConfigSchema.safeParse(toPlain(doc.root) ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = locateIssue(doc, issue.path);
    throw new ConfigError(
      `${file}:${at.line}:${at.column}: ${formatPath(issue.path) || "(root)"}: ${issue.message}`
    );
  }
  const config = emptyProjectConfig();
  for (const [code, setting] of Object.entries(parsed.data.rules ?? {})) {
    if (setting === "off" || typeof setting === "object" && setting.enabled === false)
      config.disabled.add(code);
    else if (typeof setting === "string") config.severities.set(code, setting);
    else if (setting.severity) config.severities.set(code, setting.severity);
  }
  for (const ig of parsed.data.ignore ?? []) {
    config.ignores.push({
      rule: ig.rule,
      path: ig.path ? (0, import_picomatch.default)(ig.path, { dot: true }) : void 0,
      server: ig.server
    });
  }
  return config;
}
function applyProjectConfig(findings, config) {
  const out = [];
  for (const f of findings) {
    const ignored = config.ignores.some(
      (ig) => (ig.rule === "*" || ig.rule === f.ruleId) && (!ig.path || ig.path(f.file)) && (ig.server === void 0 || ig.server === f.server)
    );
    if (ignored) continue;
    const sev = config.severities.get(f.ruleId);
    out.push(sev ? { ...f, severity: sev } : f);
  }
  return out;
}
var INLINE = /mcp-guard-ignore\s+((?:MG\d{3}|\*)(?:\s*,\s*(?:MG\d{3}|\*))*)/;
function applyInlineIgnores(findings, config) {
  const byLine = /* @__PURE__ */ new Map();
  for (const c of config.document.comments) {
    const m = INLINE.exec(c.text);
    if (!m) continue;
    const codes = new Set(m[1].split(",").map((s) => s.trim()));
    for (const line of [c.line, c.line + 1]) {
      const set2 = byLine.get(line) ?? /* @__PURE__ */ new Set();
      for (const code of codes) set2.add(code);
      byLine.set(line, set2);
    }
  }
  if (byLine.size === 0) return findings;
  return findings.filter((f) => {
    const codes = byLine.get(f.line);
    return !(codes?.has(f.ruleId) || codes?.has("*"));
  });
}
async function loadBaseline(file) {
  let data;
  try {
    data = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    throw new ConfigError(`${file}: cannot read baseline: ${error.message}`);
  }
  const parsed = external_exports.object({ version: external_exports.literal(1), fingerprints: external_exports.array(external_exports.string()) }).safeParse(data);
  if (!parsed.success)
    throw new ConfigError(`${file}: not an mcp-guard baseline (expected {"version":1,"fingerprints":[...]})`);
  return new Set(parsed.data.fingerprints);
}
function inBaseline(baseline, f) {
  return baseline.has(f.fingerprint) || baseline.has(legacyFingerprint(f));
}
function makeBaseline(findings) {
  return { version: 1, fingerprints: [...new Set(findings.map((f) => f.fingerprint))].sort() };
}

// src/scan/scan.ts
import { realpath, stat } from "node:fs/promises";
import { homedir } from "node:os";
import { isAbsolute, relative, resolve } from "node:path";

// src/scan/engine.ts
async function prepareRules(config, rules) {
  await Promise.all(rules.map((r) => r.prepare?.(config)));
}
function runRules(config, opts) {
  const findings = [];
  for (const rule of opts.rules) {
    let server = null;
    const ctx = {
      config,
      mode: opts.mode,
      stat: opts.stat,
      report: (r) => {
        findings.push(
          makeFinding(config, opts.displayFile, rule, {
            ...rendered(rule, r, server?.disabled ?? false),
            path: r.path,
            server: server?.name ?? r.server ?? null,
            serverPath: server?.path,
            at: r.at,
            fix: r.fix
          })
        );
      }
    };
    if (rule.checkFile) {
      server = null;
      rule.checkFile(config, ctx);
    }
    if (rule.checkGuard && config.guard) {
      server = null;
      rule.checkGuard(config.guard, ctx);
    }
    if (rule.checkServer) {
      for (const s of config.servers) {
        server = s;
        rule.checkServer(s, ctx);
      }
    }
  }
  return findings;
}
function runScanRules(files, opts) {
  const findings = [];
  const names = new Map(files.map((f) => [f.config, f.displayFile]));
  const configs = files.map((f) => f.config);
  for (const rule of opts.rules) {
    if (!rule.checkScan) continue;
    const ctx = {
      mode: opts.mode,
      fileName: (config) => names.get(config) ?? config.file,
      report: (r) => {
        const displayFile = names.get(r.config);
        if (displayFile === void 0)
          throw new Error(`rule ${rule.code} reported on a file not in the scan`);
        const finding = makeFinding(r.config, displayFile, rule, {
          ...rendered(rule, r, r.server?.disabled ?? false),
          path: r.path,
          server: r.server?.name ?? null,
          serverPath: r.server?.path,
          at: r.at,
          fix: r.fix
        });
        const related = (r.related ?? []).map((p) => ({
          file: names.get(p.config) ?? p.config.file,
          ...p.config.document.position(offsetOf(p.config.document.root, p.path)),
          message: p.message
        }));
        findings.push(related.length > 0 ? { ...finding, related } : finding);
      }
    };
    rule.checkScan(configs, ctx);
  }
  return findings;
}
function rendered(rule, r, disabled) {
  const template = rule.messages[r.message];
  if (template === void 0)
    throw new Error(`rule ${rule.code} reported message "${r.message}", which it does not define`);
  const severity2 = r.severity ?? rule.severity;
  return {
    message: renderMessage(template, r.data),
    severity: disabled ? lowerSeverity(severity2) : severity2
  };
}
function makeFinding(config, displayFile, rule, report) {
  const { path, message, severity: severity2, server, serverPath } = report;
  const place = report.at ?? config.document.position(offsetOf(config.document.root, path));
  const finding = {
    ruleId: rule.code,
    rule: rule.name,
    fix: report.fix ?? rule.fix,
    helpUri: rule.helpUri,
    severity: severity2,
    message,
    file: displayFile,
    line: place.line,
    column: place.column,
    client: config.client,
    server,
    path,
    ...serverPath ? { serverPath } : {},
    absFile: config.file
  };
  return { ...finding, fingerprint: fingerprint(finding) };
}

// src/scan/scan.ts
var CONCURRENCY = 16;
async function scan(options) {
  const cwd = resolve(options.cwd ?? process.cwd());
  const paths = (options.paths ?? []).map((p) => resolve(cwd, p));
  let root = cwd;
  const candidates = [];
  const result = {
    root,
    rules: [],
    findings: [],
    files: [],
    searched: [],
    errors: [],
    suppressed: 0
  };
  let mode = "repo";
  if (paths.length === 0) {
    mode = "machine";
    const machine = {
      platform: options.machine?.platform ?? process.platform,
      home: options.machine?.home ?? homedir(),
      env: options.machine?.env ?? process.env
    };
    const found = await discoverMachine(machine);
    candidates.push(...found.found);
    result.searched = found.searched;
    candidates.push(...await discoverRepo(cwd));
  } else {
    if (paths.length === 1 && await isDirectory(paths[0])) root = paths[0];
    for (const p of paths) {
      const info = await stat(p).catch((e) => e);
      if (info instanceof Error) {
        const message = info.code === "ELOOP" ? "symbolic link loop; not scanned" : "no such file or directory";
        result.errors.push({ file: display(root, p), message });
      } else if (info.isDirectory()) candidates.push(...await discoverRepo(p));
      else candidates.push({ file: p, scope: "project" });
    }
  }
  result.root = root;
  const projectConfigFile = options.config ?? resolve(root, PROJECT_CONFIG_NAME);
  const project = options.config || await isFile(projectConfigFile) ? await loadProjectConfig(projectConfigFile) : emptyProjectConfig();
  const baseline = options.baseline ? await loadBaseline(options.baseline) : void 0;
  const rules = options.rules.filter((r) => !project.disabled.has(r.code));
  result.rules = rules;
  const unique = await dedupe(candidates);
  const perFile = new Array(unique.length);
  const scanned = new Array(unique.length);
  let next = 0;
  const worker = async () => {
    while (next < unique.length) {
      const i = next++;
      const one = await scanOne(unique[i], root, mode, rules, result);
      perFile[i] = one.findings;
      scanned[i] = one.file;
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, unique.length) }, worker));
  perFile.push(
    acrossFiles(
      scanned.filter((f) => f !== void 0),
      rules,
      mode,
      result
    )
  );
  const all = perFile.flat();
  const total = all.length;
  let findings = applyProjectConfig(all, project);
  if (baseline) findings = findings.filter((f) => !inBaseline(baseline, f));
  if (options.minSeverity) findings = findings.filter((f) => atLeast(f.severity, options.minSeverity));
  findings.sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId)
  );
  result.suppressed += total - findings.length;
  result.findings = findings;
  result.files.sort((a, b) => a.file.localeCompare(b.file));
  return result;
}
async function scanOne(c, root, mode, rules, result) {
  const displayFile = display(root, c.file);
  const loaded = await loadConfigFile(c.file, c.client, c.scope);
  if (!loaded.ok) {
    result.errors.push({ file: displayFile, message: loaded.message });
    return { findings: [] };
  }
  const { config } = loaded;
  result.files.push({
    file: displayFile,
    client: config.client,
    scope: config.scope,
    servers: config.servers.length
  });
  await prepareRules(config, rules);
  const findings = runRules(config, { rules, mode, displayFile, stat: loaded.stat });
  const kept = applyInlineIgnores(findings, config);
  result.suppressed += findings.length - kept.length;
  return { findings: kept, file: { config, displayFile } };
}
function acrossFiles(files, rules, mode, result) {
  if (!rules.some((r) => r.checkScan)) return [];
  files.sort((a, b) => a.displayFile.localeCompare(b.displayFile));
  const findings = runScanRules(files, { rules, mode });
  const kept = files.flatMap(
    ({ config }) => applyInlineIgnores(
      findings.filter((f) => f.absFile === config.file),
      config
    )
  );
  result.suppressed += findings.length - kept.length;
  return kept;
}
function display(root, file) {
  const rel = relative(root, file);
  const out = rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : file;
  return out.replace(/\\/g, "/");
}
async function dedupe(candidates) {
  const seen = /* @__PURE__ */ new Set();
  const out = [];
  for (const c of candidates) {
    const key = await realpath(c.file).catch(() => c.file);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(c);
  }
  return out;
}
async function isDirectory(p) {
  return (await stat(p).catch(() => void 0))?.isDirectory() ?? false;
}
async function isFile(p) {
  return (await stat(p).catch(() => void 0))?.isFile() ?? false;
}

export {
  SEVERITIES,
  failing,
  compareSeverity,
  highestSeverity,
  RULES,
  fingerprint,
  PROJECT_CONFIG_NAME,
  ConfigError,
  makeBaseline,
  scan,
  display
};
