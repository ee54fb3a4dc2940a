import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  parsePasswordHash
} from "./chunk-ESICICS6.js";
import {
  normalizeStore
} from "./chunk-QW46R6U7.js";
import {
  __commonJS,
  __toESM
} from "./chunk-3FEQ3C2E.js";

// node_modules/shell-quote/quote.js
var require_quote = __commonJS({
  "node_modules/shell-quote/quote.js"(exports, module) {
    "use strict";
    var OPS = (
      /** @type {const} */
      [
        "||",
        "&&",
        ";;&",
        ";;",
        ";&",
        "|&",
        "<(",
        ">(",
        "<<<",
        "<<-",
        "<<",
        ">>",
        ">&",
        ">|",
        "&>>",
        "&>",
        "<&",
        "<>",
        "&",
        ";",
        "(",
        ")",
        "|",
        "<",
        ">"
      ]
    );
    var LINE_TERMINATORS = /[\n\r\u2028\u2029]/;
    var GLOB_SHELL_SPECIAL = /[\s#!"$&'():;<=>@\\^`|~]/g;
    module.exports = function quote(xs) {
      var sawComment = false;
      return xs.map(function(s) {
        if (sawComment && typeof s === "string" && LINE_TERMINATORS.test(s)) {
          throw new TypeError("a token after a `comment` must not contain line terminators");
        }
        if (s === "") {
          return (
            /** @type {const} */
            "''"
          );
        }
        if (s && typeof s === "object") {
          if ("op" in s && s.op === "glob") {
            if (typeof s.pattern !== "string") {
              throw new TypeError("glob token requires a string `pattern`");
            }
            if (LINE_TERMINATORS.test(s.pattern)) {
              throw new TypeError("glob `pattern` must not contain line terminators");
            }
            if (s.pattern === "") {
              return (
                /** @type {const} */
                "''"
              );
            }
            return s.pattern.replace(GLOB_SHELL_SPECIAL, "\\$&");
          }
          if ("op" in s && typeof s.op === "string") {
            if (OPS.indexOf(s.op) < 0) {
              throw new TypeError("invalid `op` value: " + JSON.stringify(s.op));
            }
            return s.op.replace(/[\s\S]/g, "\\$&");
          }
          if ("comment" in s && typeof s.comment === "string") {
            if (LINE_TERMINATORS.test(s.comment)) {
              throw new TypeError("`comment` must not contain line terminators");
            }
            sawComment = true;
            return "#" + s.comment;
          }
          throw new TypeError("unrecognized object token shape");
        }
        if (/'/.test(s) && /!/.test(s)) {
          return "'" + s.replace(/'/g, `'"'"'`) + "'";
        }
        if (/["\s\\]/.test(s) && !/'/.test(s)) {
          return "'" + s + "'";
        }
        if (/["'\s]/.test(s)) {
          return '"' + s.replace(/(["\\$`])/g, "\\$1") + '"';
        }
        return String(s).replace(/([A-Za-z]:)?([#!"$&'()*,:;<=>?@[\\\]^`{|}~])/g, "$1\\$2");
      }).join(" ");
    };
  }
});

// node_modules/shell-quote/parse.js
var require_parse = __commonJS({
  "node_modules/shell-quote/parse.js"(exports, module) {
    "use strict";
    var CONTROL = (
      /** @type {const} */
      "(?:" + /** @type {const} */
      [
        "\\|\\|",
        "\\&(?:\\&|>>?)",
        // `&&`, `&>`, and `&>>`
        ";;\\&?",
        // `;;` and `;;&`
        "[;|]\\&",
        // `;&` and `|&`
        "\\<\\(",
        "\\<\\<\\<",
        "\\<\\<-",
        "\\<\\<(?!\\()",
        // `<<(` stays `<` and `<(`, as zsh reads it; other shells reject it
        ">>",
        ">[&|(]",
        // `>&`, `>|`, and `>(`
        "<[&>]",
        // `<&` and `<>`
        "[&;()|<>]"
      ].join(
        /** @type {const} */
        "|"
      ) + /** @type {const} */
      ")"
    );
    var controlRE = new RegExp("^" + CONTROL + "$");
    var META = (
      /** @type {const} */
      "|&;()<> \\t"
    );
    var SINGLE_QUOTE = (
      /** @type {const} */
      "'([^']*?)'"
    );
    var ANSI_C_BODY = "(?:\\\\[\\s\\S]|[^\\\\'])*?";
    var ANSI_C_QUOTE = "\\$'" + ANSI_C_BODY + "'";
    var ansiCAt = new RegExp("\\$'" + ANSI_C_BODY + "(?:(')|\\\\?$)", "g");
    var ANSI_C_LETTERS = "abeEfnrtv";
    var ANSI_C_CHARS = "\x07\b\x1B\x1B\f\n\r	\v";
    var hash = /^#$/;
    var SQ = (
      /** @type {const} */
      "'"
    );
    var DQ = (
      /** @type {const} */
      '"'
    );
    var DS = (
      /** @type {const} */
      "$"
    );
    var TOKEN = "";
    var mult = (
      /** @type {const} */
      4294967296
    );
    for (i = 0; i < 4; i++) {
      TOKEN += (mult * Math.random()).toString(16);
    }
    var i;
    var startsWithToken = new RegExp("^" + TOKEN);
    function matchAll(s, r) {
      var origIndex = r.lastIndex;
      var matches = [];
      var matchObj;
      while (matchObj = r.exec(s)) {
        matches[matches.length] = matchObj;
        if (r.lastIndex === matchObj.index) {
          r.lastIndex += 1;
        }
      }
      r.lastIndex = origIndex;
      return matches;
    }
    function getVar(env, pre, key) {
      var r = typeof env === "function" ? env(key) : env[key];
      if (typeof r === "undefined" && key != "") {
        r = "";
      } else if (typeof r === "undefined") {
        r = "$";
      }
      if (typeof r === "object") {
        return pre + TOKEN + JSON.stringify(r) + TOKEN;
      }
      return pre + r;
    }
    var ansiCEscape = /\\([0-7]{1,3}|x[\dA-Fa-f]{1,2}|u[\dA-Fa-f]{1,4}|U[\dA-Fa-f]{1,8}|c(?:\\\\|[\s\S])|[abeEfnrtv\\'"?])/g;
    function expandAnsiCEscape(m, escape) {
      var kind = escape.charAt(0);
      if (kind === "c") {
        var ctrl = escape.charAt(1);
        return ctrl === "?" ? "\x7F" : String.fromCharCode(ctrl.charCodeAt(0) & 31);
      }
      if (kind === "x" || kind === "u" || kind === "U") {
        var cp = parseInt(escape.slice(1), 16);
        if (cp > 1114111) {
          return m;
        }
        return String.fromCharCode.apply(null, cp > 65535 ? [55232 + (cp >> 10), 56320 + (cp & 1023)] : [cp]);
      }
      if (kind >= "0" && kind <= "7") {
        return String.fromCharCode(parseInt(escape, 8) & 255);
      }
      var letter = ANSI_C_LETTERS.indexOf(escape);
      return letter < 0 ? escape : ANSI_C_CHARS.charAt(letter);
    }
    function expandAnsiC(body) {
      return body.replace(ansiCEscape, expandAnsiCEscape).split("\0")[0];
    }
    function closesAnsiC(s, i2) {
      ansiCAt.lastIndex = i2;
      return !!/** @type {RegExpExecArray} */
      ansiCAt.exec(s)[1];
    }
    function parseInternal(string, env, opts) {
      if (!opts) {
        opts = {};
      }
      var BS = opts.escape || "\\";
      var ifs = opts.splitUnquoted === true ? " 	\n" : typeof opts.splitUnquoted === "string" ? opts.splitUnquoted : "";
      var BAREWORD = "(\\" + BS + `['"$\\` + BS + META + "]|\\$\\$|\\$(?!" + ANSI_C_QUOTE.slice(2) + `)|[^\\s'"$` + META + "])+";
      var DOUBLE_QUOTE = '"(?:\\' + BS + '[\\s\\S]|[^"\\' + BS + '])*"';
      var chunker = new RegExp([
        "(" + CONTROL + ")",
        // control chars
        "(" + ANSI_C_QUOTE + "|" + BAREWORD + "|" + DOUBLE_QUOTE + "|" + SINGLE_QUOTE + ")+"
      ].join("|"), "g");
      var matches = matchAll(string, chunker);
      if (matches.length === 0) {
        return [];
      }
      if (!env) {
        env = {};
      }
      var commented = false;
      return matches.map(function(match) {
        var s = match[0];
        if (!s || commented) {
          return void 0;
        }
        if (controlRE.test(s)) {
          return (
            /** @type {ControlOperator} */
            { op: s }
          );
        }
        var quote = false;
        var esc = false;
        var out = "";
        var words = [];
        var sawQuote = false;
        var pendingNw = null;
        var isGlob = false;
        var i2;
        function parseEnvVar() {
          i2 += 1;
          var varend;
          var varname;
          var char = s.charAt(i2);
          if (char === "{") {
            i2 += 1;
            if (s.charAt(i2) === "}") {
              throw new Error("Bad substitution: " + s.slice(i2 - 2, i2 + 1));
            }
            var depth = 1;
            varend = i2;
            while (depth > 0 && varend < s.length) {
              if (s.charAt(varend) === "{" && s.charAt(varend - 1) === "$") {
                depth += 1;
              } else if (s.charAt(varend) === "}") {
                depth -= 1;
              }
              varend += 1;
            }
            if (depth !== 0) {
              throw new Error("Bad substitution: " + s.slice(i2));
            }
            varend -= 1;
            varname = s.slice(i2, varend);
            i2 = varend;
          } else if (/[*@#?$!-]/.test(char)) {
            varname = char;
          } else {
            var slicedFromI = s.slice(i2);
            varend = slicedFromI.match(/[^\w\d_]/);
            if (!varend) {
              varname = slicedFromI;
              i2 = s.length;
            } else {
              varname = slicedFromI.slice(0, varend.index);
              i2 += /** @type {number} */
              varend.index - 1;
            }
          }
          return getVar(
            /** @type {NonNullable<typeof env>} */
            env,
            "",
            varname
          );
        }
        function flushRun() {
          if (pendingNw === null) {
            return;
          }
          if (pendingNw === 0) {
            if (out !== "") {
              words[words.length] = out;
              out = "";
            }
          } else {
            words[words.length] = out;
            out = "";
            for (var fe = 1; fe < pendingNw; fe += 1) {
              words[words.length] = "";
            }
          }
          pendingNw = null;
        }
        for (i2 = 0; i2 < s.length; i2++) {
          var c = s.charAt(i2);
          if (ifs && c !== DS) {
            flushRun();
          }
          isGlob = isGlob || !quote && (c === "*" || c === "?");
          if (esc) {
            out += c;
            esc = false;
          } else if (quote) {
            if (c === quote) {
              quote = false;
            } else if (quote == SQ) {
              out += c;
            } else {
              if (c === BS) {
                i2 += 1;
                c = s.charAt(i2);
                if (c === DQ || c === BS || c === DS) {
                  out += c;
                } else {
                  out += BS + c;
                }
              } else if (c === DS) {
                out += parseEnvVar();
              } else {
                out += c;
              }
            }
          } else if (c === DQ || c === SQ) {
            quote = c;
            sawQuote = true;
          } else if (controlRE.test(c)) {
            return (
              /** @type {ControlOperator} */
              { op: s }
            );
          } else if (hash.test(c)) {
            commented = true;
            var commentObj = { comment: string.slice(match.index + i2 + 1) };
            if (out.length) {
              return (
                /** @type {const} */
                [out, commentObj]
              );
            }
            return (
              /** @type {const} */
              [commentObj]
            );
          } else if (c === BS) {
            esc = true;
          } else if (c === DS && s.charAt(i2 + 1) === SQ && closesAnsiC(s, i2)) {
            flushRun();
            sawQuote = true;
            out += expandAnsiC(s.slice(i2 + 2, ansiCAt.lastIndex - 1));
            i2 = ansiCAt.lastIndex - 1;
          } else if (c === DS) {
            var value = parseEnvVar();
            if (!ifs) {
              out += value;
            } else {
              for (var vi = 0; vi < value.length; vi += 1) {
                var vc = value.charAt(vi);
                if (ifs.indexOf(vc) < 0) {
                  flushRun();
                  out += vc;
                } else if (pendingNw === null) {
                  pendingNw = vc === " " || vc === "	" || vc === "\n" ? 0 : 1;
                } else if (vc !== " " && vc !== "	" && vc !== "\n") {
                  pendingNw += 1;
                }
              }
            }
          } else {
            out += c;
          }
        }
        if (isGlob) {
          return (
            /** @type {GlobPattern} */
            { op: "glob", pattern: out }
          );
        }
        if (ifs) {
          if (pendingNw !== null && pendingNw > 0) {
            words[words.length] = out;
            out = "";
            for (var te = 1; te < pendingNw; te += 1) {
              words[words.length] = "";
            }
          }
          if (out !== "" || sawQuote && words.length === 0) {
            words[words.length] = out;
          }
          return words;
        }
        return out;
      }).reduce(
        function(prev, arg) {
          if (typeof arg === "undefined") {
            return prev;
          }
          [].concat(arg).forEach(function(entry) {
            prev[prev.length] = entry;
          });
          return prev;
        },
        /** @type {ParseEntry[]} */
        []
      );
    }
    module.exports = function parse(s, env, opts) {
      var mapped = parseInternal(s, env, opts);
      if (typeof env !== "function") {
        return mapped;
      }
      return mapped.reduce(
        function(acc, s2) {
          if (typeof s2 === "object") {
            acc[acc.length] = s2;
            return acc;
          }
          var xs = s2.split(RegExp("(" + TOKEN + ".*?" + TOKEN + ")", "g"));
          if (xs.length === 1) {
            acc[acc.length] = xs[0];
            return acc;
          }
          xs.filter(Boolean).forEach(function(x) {
            acc[acc.length] = startsWithToken.test(x) ? JSON.parse(x.split(TOKEN)[1]) : x;
          });
          return acc;
        },
        /** @type {ParseEntry[]} */
        []
      );
    };
  }
});

// node_modules/shell-quote/index.js
var require_shell_quote = __commonJS({
  "node_modules/shell-quote/index.js"(exports) {
    "use strict";
    exports.quote = require_quote();
    exports.parse = require_parse();
  }
});

// src/config/launch.ts
var import_shell_quote = __toESM(require_shell_quote(), 1);
function argv(server) {
  const words = [];
  const cmd = server.command;
  if (cmd && cmd.value.trim() !== "") {
    const value = cmd.value.trim();
    const looksLikeSinglePath = /^([A-Za-z]:[\\/]|\/)/.test(value) && !/\s-{1,2}\w/.test(value);
    if (!/\s/.test(value) || looksLikeSinglePath) words.push({ text: value, source: cmd });
    else for (const w of splitShell(value)) words.push({ text: w, source: cmd });
  }
  for (const a of server.args) words.push({ text: a.value, source: a });
  return words;
}
function splitShell(line) {
  try {
    return (0, import_shell_quote.parse)(line, (name) => `$${name}`).map(
      (t) => typeof t === "string" ? t : "op" in t ? t.op : "comment" in t ? `#${t.comment}` : String(t)
    );
  } catch {
    return line.split(/\s+/).filter(Boolean);
  }
}
function programName(word) {
  if (!word) return "";
  const base = word.replace(/\\/g, "/").split("/").pop() ?? "";
  return base.toLowerCase().replace(/\.(exe|cmd|bat|ps1)$/, "");
}
var BRIDGES = /* @__PURE__ */ new Set([
  "mcp-remote",
  "supergateway",
  "mcp-proxy",
  "@modelcontextprotocol/mcp-remote",
  "mcp-remote-client",
  "@modelcontextprotocol/server-sse-client"
]);
function endpoints(server) {
  const out = [];
  if (server.url) out.push({ url: server.url.value, source: server.url, via: "config" });
  const words = argv(server);
  const usesBridge = words.some((w) => {
    const pkg = w.text.replace(/@[^@/]*$/, "");
    return BRIDGES.has(pkg) || BRIDGES.has(programName(pkg));
  });
  if (usesBridge) {
    for (const w of words) {
      if (/^(https?|wss?):\/\//i.test(w.text)) out.push({ url: w.text, source: w.source, via: "bridge" });
    }
  }
  return out;
}
function runsGuard(words) {
  const serves = (rest) => rest.includes("guard") || rest[0] === "serve" || rest[0] === "serve-http";
  return words.some((w, i) => {
    const pkg = w.replace(/(.)@[^@/]*$/, "$1");
    const rest = words.slice(i + 1);
    if (programName(pkg) === "mcp-guard" || /(^|[\\/])mcp-guard[\\/](dist[\\/]cli\.js|src[\\/]cli\.ts)$/i.test(w))
      return serves(rest);
    return /[\\/](dist[\\/]cli\.js|src[\\/]cli\.ts)$/i.test(w) && ["guard", "serve"].includes(rest[0]);
  });
}

// src/config/guard-types.ts
var OAUTH_GRANT_TYPES = [
  "authorization_code",
  "refresh_token",
  "urn:ietf:params:oauth:grant-type:device_code",
  "client_credentials"
];
var GuardConfigError = class extends Error {
  file;
  line;
  column;
  key;
  constructor(file, line, column, key, what) {
    super(`${line > 0 ? `${file}:${line}:${column}` : file}: ${key || "(root)"}: ${what}`);
    this.name = "GuardConfigError";
    this.file = file;
    this.line = line;
    this.column = column;
    this.key = key;
  }
};

// src/config/guard-normalize.ts
import { hostname } from "node:os";
import { dirname, isAbsolute, resolve } from "node:path";

// src/config/guard-approvals.ts
var APPROVAL_DEFAULTS = {
  waitSec: 300,
  webhookTimeoutMs: 5e3,
  webhookRetries: 3,
  sessionTtlSec: 28800,
  loginAttemptsPerMinute: 5,
  oauthScope: "console"
};
function normalizeApprovals(raw, fail) {
  const a = raw.approvals ?? {};
  const notify = (a.notify ?? []).map((w, i) => {
    const at = (...k) => ["approvals", "notify", i, ...k];
    if (fail.known(at("url")) && (!URL.canParse(w.url) || !/^https?:$/.test(new URL(w.url).protocol)))
      fail(at("url"), "expected the http(s) URL of the webhook");
    const format = w.format ?? "json";
    if (w.secret !== void 0 && fail.known(at("secret")) && new TextEncoder().encode(w.secret).length < MIN_HS_SECRET_BYTES)
      fail(at("secret"), `use at least ${MIN_HS_SECRET_BYTES} bytes (try: openssl rand -base64 48)`);
    if (format === "json" && w.secret === void 0)
      fail(at("secret"), 'json webhooks are signed: give a secret (e.g. "${WEBHOOK_SECRET}")');
    return {
      url: w.url,
      format,
      ...w.secret !== void 0 ? { secret: w.secret } : {},
      timeoutMs: positive(w.timeout_ms, at("timeout_ms"), fail) ?? APPROVAL_DEFAULTS.webhookTimeoutMs,
      retries: w.retries !== void 0 && w.retries > 10 ? fail(at("retries"), "at most 10 (each waits twice as long as the one before)") : w.retries ?? APPROVAL_DEFAULTS.webhookRetries
    };
  });
  return {
    mode: a.mode ?? "error",
    waitSec: positive(a.wait_sec, ["approvals", "wait_sec"], fail) ?? APPROVAL_DEFAULTS.waitSec,
    notify
  };
}
function normalizeConsole(raw, authMode, fail) {
  const c = raw.console ?? {};
  const at = (...k) => ["console", ...k];
  const names = /* @__PURE__ */ new Set();
  const users = (c.users ?? []).map((u, i) => {
    if (!/^[^\s\p{C}:]{1,64}$/u.test(u.name))
      fail(at("users", i, "name"), "a user name is 1 to 64 characters without spaces or colons");
    if (names.has(u.name)) fail(at("users", i, "name"), `user "${u.name}" appears twice`);
    names.add(u.name);
    try {
      if (fail.known(at("users", i, "password_hash"))) parsePasswordHash(u.password_hash);
    } catch (error) {
      fail(at("users", i, "password_hash"), error.message);
    }
    (u.scopes ?? []).forEach((scope, j) => {
      if (!/^[\x21\x23-\x5b\x5d-\x7e]+$/.test(scope))
        fail(at("users", i, "scopes", j), "a scope is printable ASCII without spaces, quotes or backslashes");
    });
    return {
      name: u.name,
      passwordHash: u.password_hash.trim(),
      ...u.scopes !== void 0 ? { scopes: u.scopes } : {}
    };
  });
  const enabled = c.enabled ?? false;
  if (enabled && users.length === 0 && authMode !== "oauth" && authMode !== void 0)
    fail(
      at("enabled"),
      "the console needs its own users: add console.users with a name and a password_hash (`mcp-guard guard console hash-password`)"
    );
  const out = {
    enabled,
    users,
    sessionTtlSec: positive(c.session_ttl_sec, at("session_ttl_sec"), fail) ?? APPROVAL_DEFAULTS.sessionTtlSec,
    loginAttemptsPerMinute: positive(c.login_attempts_per_minute, at("login_attempts_per_minute"), fail) ?? APPROVAL_DEFAULTS.loginAttemptsPerMinute,
    oauthScope: c.oauth_scope ?? APPROVAL_DEFAULTS.oauthScope
  };
  if (c.session_secret !== void 0) {
    const bytes = new TextEncoder().encode(c.session_secret);
    if (fail.known(at("session_secret")) && bytes.length < MIN_HS_SECRET_BYTES)
      fail(
        at("session_secret"),
        `${bytes.length} bytes; use at least ${MIN_HS_SECRET_BYTES} (openssl rand -base64 48)`
      );
    out.sessionSecret = bytes;
  }
  if (out.oauthScope.trim() === "" || /\s/.test(out.oauthScope))
    fail(at("oauth_scope"), "one scope name, without spaces");
  return out;
}

// src/config/guard-auth.ts
import { createHash } from "node:crypto";

// src/config/guard-oauth.ts
var SELF_ISSUER_DEFAULTS = {
  accessTokenTtlSec: 600,
  refreshTokenTtlSec: 14 * 24 * 3600,
  deviceCodeTtlSec: 600,
  devicePollIntervalSec: 5,
  algorithms: ["ES256"]
};
var DEVICE_CODE = "urn:ietf:params:oauth:grant-type:device_code";
var LEGACY_REDIRECTS = ["http://127.0.0.1/callback", "http://localhost/callback"];
var SELF_ONLY = [
  "clients",
  "dynamic_registration",
  "client_id_metadata_documents",
  "access_token_ttl_sec",
  "refresh_token_ttl_sec",
  "device_code_ttl_sec",
  "device_poll_interval_sec"
];
function normalizeOAuth(a, raw, fail, legacy = false) {
  const at = (...k) => ["auth", "oauth", ...k];
  let o = a.oauth;
  if (legacy) {
    if (a.client_id === void 0 && o?.clients === void 0)
      fail(["auth", "client_id"], "mode oauth2 needs client_id (the one client of the guard's own issuer)");
    if (o?.issuers !== void 0 || o?.jwks_url !== void 0)
      fail(["auth", "mode"], "mode oauth2 is the guard's own issuer; for an external one write mode: oauth");
    o = { ...o, issuer: "self" };
    if (a.client_id !== void 0) {
      if (o.clients !== void 0)
        fail(["auth", "client_id"], "give client_id or auth.oauth.clients, not both");
      o.clients = [
        {
          client_id: a.client_id,
          grant_types: ["authorization_code", "refresh_token", "device_code"],
          redirect_uris: LEGACY_REDIRECTS
        }
      ];
    }
  } else if (a.client_id !== void 0)
    fail(["auth", "client_id"], "client_id belongs to the original mode oauth2; write auth.oauth.clients");
  if (!o) return fail(["auth", "mode"], "mode oauth needs auth.oauth: issuers and jwks_url, or issuer: self");
  if (o.issuer !== void 0 && o.issuer !== "self" && fail.known(at("issuer")))
    fail(at("issuer"), "the only value is self (the guard issues tokens); an external one goes in issuers");
  const self = o.issuer !== void 0;
  if (self) {
    for (const k of ["issuers", "jwks_url"])
      if (o[k] !== void 0)
        fail(at(k), "not with issuer: self (the guard is the issuer and keeps its keys)");
  } else {
    for (const k of SELF_ONLY) if (o[k] !== void 0) fail(at(k), "only with issuer: self");
    if (o.issuers === void 0 || o.jwks_url === void 0)
      fail(
        at(o.issuers === void 0 ? "issuers" : "jwks_url"),
        "required with an external authorization server (issuers and jwks_url), or write issuer: self"
      );
  }
  const issuers = o.issuers === void 0 ? [] : typeof o.issuers === "string" ? [o.issuers] : o.issuers;
  if (!self && issuers.length === 0) fail(at("issuers"), "empty list: no token could be accepted");
  issuers.forEach((iss, i) => {
    fail.unit(() => {
      const path = typeof o.issuers === "string" ? at("issuers") : at("issuers", i);
      if (!URL.canParse(iss) && fail.known(path))
        fail(at("issuers", i), `"${iss}" is not a URL (the authorization server's issuer)`);
    }, void 0);
  });
  const jwksUrl = o.jwks_url ?? "";
  if (!self && jwksUrl.trim() === "") fail(at("jwks_url"), "empty value; set the variable or remove the key");
  if (!self && fail.known(at("jwks_url")) && (!URL.canParse(jwksUrl) || !/^https?:$/.test(new URL(jwksUrl).protocol)))
    fail(at("jwks_url"), "expected an http(s) URL");
  const algorithms = o.algorithms ?? [
    ...self ? SELF_ISSUER_DEFAULTS.algorithms : GUARD_DEFAULTS.oauthAlgorithms
  ];
  if (algorithms.length === 0) fail(at("algorithms"), "empty list: no token could be accepted");
  algorithms.forEach((alg, i) => {
    fail.unit(() => {
      if (!fail.known(at("algorithms", i))) return;
      if (alg.toLowerCase() === "none")
        fail(at("algorithms", i), "unsigned tokens (alg none) are never accepted");
      if (HS.test(alg))
        fail(
          at("algorithms", i),
          `${alg} needs a secret shared with the authorization server; use RS/ES/EdDSA`
        );
      if (!ASYMMETRIC.test(alg)) fail(at("algorithms", i), `unknown algorithm "${alg}"`);
      if (self && i === 0 && !/^(RS|PS|ES)(256|384|512)$|^EdDSA$/.test(alg))
        fail(
          at("algorithms", i),
          `the guard signs with the first algorithm; ${alg} is not one it can sign with`
        );
    }, void 0);
  });
  const scopes = o.scopes ?? [];
  const toolScopes = o.tool_scopes ?? {};
  const named = /* @__PURE__ */ new Set([...scopes, ...Object.values(toolScopes).flat()]);
  const scopesSupported = o.scopes_supported ?? [...named];
  const out = {
    mode: "oauth",
    issuers,
    jwksUrl,
    algorithms,
    scopes,
    toolScopes,
    scopesSupported,
    clockToleranceSec: o.clock_tolerance_sec ?? GUARD_DEFAULTS.clockToleranceSec,
    agentClaim: o.agent_claim ?? GUARD_DEFAULTS.agentClaim,
    jwksTimeoutMs: positive(o.jwks_timeout_ms, at("jwks_timeout_ms"), fail) ?? GUARD_DEFAULTS.jwksTimeoutMs,
    jwksCacheSec: o.jwks_cache_sec ?? GUARD_DEFAULTS.jwksCacheSec
  };
  if (self) out.self = normalizeSelfIssuer(o, raw, scopesSupported, fail, legacy ? a.client_id : void 0);
  if (self && legacy && a.client_id !== void 0)
    out.self.migrated = `mode oauth2 with client_id ${a.client_id}: the guard's own issuer (issuer: self) with one public client (PKCE to ${LEGACY_REDIRECTS.join(" or ")} on any port, the device flow, refresh tokens); list auth.oauth.clients to choose other redirect URIs or grants`;
  return out;
}
function normalizeSelfIssuer(o, raw, known, fail, legacyClient) {
  const at = (...k) => ["auth", "oauth", ...k];
  const ids = /* @__PURE__ */ new Set();
  const clients = [];
  (o.clients ?? []).forEach((c, i) => {
    fail.unit(() => {
      const here = (...k) => at("clients", i, ...k);
      if (!/^[\x21-\x7e]{1,200}$/.test(c.client_id))
        fail(here("client_id"), "a client id is 1 to 200 printable characters without spaces");
      if (ids.has(c.client_id)) fail(here("client_id"), `client "${c.client_id}" appears twice`);
      ids.add(c.client_id);
      clients.push(normalizeClient(c, here, known, fail));
    }, void 0);
  });
  const dynamicRegistration = o.dynamic_registration ?? false;
  const clientIdMetadataDocuments = o.client_id_metadata_documents ?? [];
  clientIdMetadataDocuments.forEach((prefix, i) => {
    fail.unit(() => {
      const path = at("client_id_metadata_documents", i);
      if (prefix === "*" || !fail.known(path)) return;
      const u = URL.parse(prefix);
      if (u?.protocol !== "https:" || u.hash !== "" || u.search !== "" || u.username !== "")
        fail(
          path,
          "expected an https URL prefix (e.g. https://app.example.com/), or * for any https URL; the client id is the document's URL"
        );
    }, void 0);
  });
  const open = dynamicRegistration || clientIdMetadataDocuments.length > 0;
  if (clients.length === 0 && (o.clients ?? []).length === 0 && !open)
    fail(
      at("clients"),
      "no clients: list them (client_id, redirect_uris, grant_types), or set dynamic_registration: true or client_id_metadata_documents"
    );
  const people = clients.some((c) => c.grantTypes.some((g) => g !== "client_credentials")) || open;
  if (people && (raw.console?.users ?? []).length === 0) {
    const users = "add console.users (name and password_hash, `mcp-guard guard console hash-password`)";
    if (legacyClient !== void 0)
      fail(
        ["auth", "client_id"],
        `mode oauth2 is read as the guard's own authorization server with one public client, ${legacyClient}; a person signs in to authorize it: ${users}`
      );
    fail(at("clients"), `people sign in to authorize these clients: ${users}`);
  }
  const accessTokenTtlSec = positive(o.access_token_ttl_sec, at("access_token_ttl_sec"), fail) ?? SELF_ISSUER_DEFAULTS.accessTokenTtlSec;
  if (accessTokenTtlSec > 86400)
    fail(at("access_token_ttl_sec"), "at most 86400 (a day); refresh tokens are for longer");
  const refreshTokenTtlSec = positive(o.refresh_token_ttl_sec, at("refresh_token_ttl_sec"), fail) ?? SELF_ISSUER_DEFAULTS.refreshTokenTtlSec;
  if (refreshTokenTtlSec < accessTokenTtlSec)
    fail(at("refresh_token_ttl_sec"), `shorter than access_token_ttl_sec (${accessTokenTtlSec})`);
  const deviceCodeTtlSec = positive(o.device_code_ttl_sec, at("device_code_ttl_sec"), fail) ?? SELF_ISSUER_DEFAULTS.deviceCodeTtlSec;
  const devicePollIntervalSec = positive(o.device_poll_interval_sec, at("device_poll_interval_sec"), fail) ?? SELF_ISSUER_DEFAULTS.devicePollIntervalSec;
  if (devicePollIntervalSec >= deviceCodeTtlSec)
    fail(at("device_poll_interval_sec"), `not shorter than device_code_ttl_sec (${deviceCodeTtlSec})`);
  return {
    clients,
    dynamicRegistration,
    clientIdMetadataDocuments,
    accessTokenTtlSec,
    refreshTokenTtlSec,
    deviceCodeTtlSec,
    devicePollIntervalSec
  };
}
function normalizeClient(c, here, known, fail) {
  const redirectUris = c.redirect_uris ?? [];
  redirectUris.forEach((uri, j) => {
    const path = [...here("redirect_uris"), j];
    if (!fail.known(path)) return;
    const u = URL.parse(uri);
    if (u?.hash !== "" || uri.includes("#")) fail(path, "expected an absolute URI without a fragment");
    if (u.protocol === "http:" && !["127.0.0.1", "localhost", "[::1]"].includes(u.hostname))
      fail(path, "http only to a loopback address (127.0.0.1, localhost, [::1]); use https");
    if (/^(javascript|data|vbscript|file):$/.test(u.protocol))
      fail(path, `the ${u.protocol} scheme is refused`);
  });
  const secret = c.client_secret_sha256;
  if (secret !== void 0 && fail.known(here("client_secret_sha256")) && !/^[0-9a-fA-F]{64}$/.test(secret.trim()))
    fail(
      here("client_secret_sha256"),
      'expected 64 hex digits: sha256 of the secret (printf %s "$SECRET" | sha256sum)'
    );
  const confidential = secret !== void 0;
  const grantTypes = (c.grant_types ?? (redirectUris.length > 0 ? ["authorization_code", "refresh_token"] : confidential ? ["client_credentials"] : [DEVICE_CODE, "refresh_token"])).map((g) => g === "device_code" ? DEVICE_CODE : g);
  grantTypes.forEach((g, j) => {
    if (!OAUTH_GRANT_TYPES.includes(g))
      fail(
        [...here("grant_types"), j],
        `unknown grant type "${g}"; expected ${OAUTH_GRANT_TYPES.join(", ")} (or device_code)`
      );
  });
  if (grantTypes.length === 0) fail(here("grant_types"), "empty list: the client could get no token");
  if (grantTypes.includes("authorization_code") && redirectUris.length === 0)
    fail(here("redirect_uris"), "authorization_code needs at least one redirect URI");
  if (grantTypes.includes("client_credentials") && !confidential)
    fail(here("grant_types"), "client_credentials is for confidential clients: give client_secret_sha256");
  if (grantTypes.includes("refresh_token") && !grantTypes.includes("authorization_code") && !grantTypes.includes(DEVICE_CODE))
    fail(here("grant_types"), "refresh_token comes with authorization_code or device_code");
  (c.scopes ?? []).forEach((s, j) => {
    if (known.length > 0 && !known.includes(s))
      fail(
        [...here("scopes"), j],
        `unknown scope "${s}"; the guard knows ${known.join(", ")} (scopes_supported)`
      );
  });
  const out = { clientId: c.client_id, redirectUris, grantTypes };
  if (c.client_name !== void 0) out.clientName = c.client_name;
  if (c.scopes !== void 0) out.scopes = c.scopes;
  if (secret !== void 0) out.secretSha256 = Buffer.from(secret.trim(), "hex");
  return out;
}

// src/config/guard-auth.ts
function sha256(text) {
  return createHash("sha256").update(text, "utf8").digest();
}
function credentialPlaces(raw) {
  const out = [];
  const read = raw.auth?.keys === void 0 ? void 0 : keyEntries(raw.auth.keys);
  for (const e of read && "entries" in read ? read.entries : [])
    if (e.keyAt) out.push({ kind: "API key", path: e.keyAt });
  if (raw.auth?.jwt_secret !== void 0) out.push({ kind: "JWT secret", path: ["auth", "jwt_secret"] });
  if (raw.auth?.jwt?.secret !== void 0) out.push({ kind: "JWT secret", path: ["auth", "jwt", "secret"] });
  if (raw.http?.metrics?.token !== void 0)
    out.push({ kind: "metrics token", path: ["http", "metrics", "token"] });
  if (raw.store?.password !== void 0) out.push({ kind: "Redis password", path: ["store", "password"] });
  if (raw.console?.session_secret !== void 0)
    out.push({ kind: "console session secret", path: ["console", "session_secret"] });
  raw.approvals?.notify?.forEach((w, i) => {
    if (w.secret !== void 0)
      out.push({ kind: "webhook secret", path: ["approvals", "notify", i, "secret"] });
  });
  return out;
}
function normalizeAuth(raw, fail) {
  const a = raw.auth;
  if (!a) fail(["auth"], "missing; set auth.mode to none, api_key or jwt (none must be explicit)");
  fail.from("auth.mode", ["auth", "mode"]);
  if (!fail.known(["auth", "mode"])) return void 0;
  const mode = a.mode.trim().toLowerCase();
  if (mode !== "oauth" && mode !== "oauth2" && a.client_id !== void 0)
    fail(["auth", "client_id"], "client_id belongs to the original mode oauth2; remove it");
  if (mode === "none") {
    if (a.keys !== void 0 || a.jwt_secret !== void 0 || a.jwt !== void 0 || a.oauth !== void 0)
      fail(["auth", "mode"], "mode is none but credentials are configured; choose api_key, jwt or oauth");
    return { mode: "none" };
  }
  if (mode === "api_key" || mode === "api-key" || mode === "apikey") {
    if (a.jwt_secret !== void 0 || a.jwt !== void 0 || a.oauth !== void 0)
      fail(["auth", "mode"], "mode is api_key but JWT settings are configured; remove them or use mode: jwt");
    return { mode: "api_key", keys: normalizeKeys(a.keys, fail) };
  }
  if (mode === "jwt") {
    if (a.keys !== void 0)
      fail(["auth", "keys"], "keys are for mode api_key; remove them or change the mode");
    if (a.oauth !== void 0) fail(["auth", "oauth"], "oauth settings are for mode oauth; remove them");
    return normalizeJwt(a, fail);
  }
  if (mode === "oauth" || mode === "oauth2") {
    if (a.keys !== void 0 || a.jwt_secret !== void 0 || a.jwt !== void 0)
      fail(["auth", "mode"], `mode is ${mode} but api_key/jwt settings are configured; remove them`);
    return normalizeOAuth(a, raw, fail, mode === "oauth2");
  }
  return fail(["auth", "mode"], `unknown auth mode "${a.mode}"; expected none, api_key, jwt or oauth`);
}
function keyEntries(keys) {
  const at = ["auth", "keys"];
  if (Array.isArray(keys)) {
    const entries = keys.map((k, i) => {
      const item = [...at, i];
      if (typeof k === "string" || typeof k === "number")
        return { agent: `agent-${i + 1}`, at: item, keyAt: item, key: k };
      if (!k || typeof k !== "object")
        return { agent: "", at: item, problem: [item, "expected a key string or {agent, key | key_sha256}"] };
      const { agent, key, key_sha256, ...rest } = k;
      const entry = {
        agent: typeof agent === "string" ? agent : "",
        at: item,
        key,
        keySha256: key_sha256
      };
      if (key !== void 0) entry.keyAt = [...item, "key"];
      const extra = Object.keys(rest)[0];
      if (extra) entry.problem = [[...item, extra], "unknown key; expected agent with key or key_sha256"];
      else if (typeof agent !== "string" || agent.trim() === "") entry.problem = [item, "needs agent: <id>"];
      else if (key === void 0 === (key_sha256 === void 0))
        entry.problem = [item, "give exactly one of key, key_sha256"];
      return entry;
    });
    return { entries };
  }
  if (keys && typeof keys === "object") {
    const entries = Object.entries(keys).map(([agent, key]) => ({
      agent,
      at: [...at, agent],
      keyAt: [...at, agent],
      key
    }));
    return { entries };
  }
  return {
    problem: [at, "expected a list of keys, a map of agent: key, or a list of {agent, key | key_sha256}"]
  };
}
function normalizeKeys(keys, fail) {
  const at = ["auth", "keys"];
  if (keys === void 0 || keys === null) fail(["auth", "mode"], "mode api_key needs auth.keys");
  const read = keyEntries(keys);
  if ("problem" in read) return fail(...read.problem);
  const { entries } = read;
  const out = [];
  for (const e of entries) {
    fail.unit(() => {
      if (e.problem) fail(...e.problem);
      let digest;
      if (e.keyAt) {
        const path = e.keyAt;
        if (typeof e.key !== "string")
          fail(path, "expected the key as a string (or an environment reference)");
        if (e.key.trim() === "") fail(path, "empty key; set the variable it refers to, or remove the key");
        digest = sha256(e.key);
      } else {
        const hex = e.keySha256;
        if (fail.known([...e.at, "key_sha256"]) && (typeof hex !== "string" || !/^[0-9a-fA-F]{64}$/.test(hex.trim())))
          fail([...e.at, "key_sha256"], "expected 64 hex digits (sha256 of the key)");
        digest = Buffer.from(String(hex).trim(), "hex");
      }
      out.push({ agent: e.agent, sha256: digest, path: e.at });
    }, void 0);
  }
  if (out.length === 0 && entries.length === 0)
    fail(at, "no keys: every request would be refused; add at least one");
  const agents = /* @__PURE__ */ new Set();
  const digests = /* @__PURE__ */ new Set();
  for (const k of out) {
    fail.unit(() => {
      if (agents.has(k.agent)) fail(k.path, `agent "${k.agent}" appears twice`);
      const hex = k.sha256.toString("hex");
      if (digests.has(hex)) fail(k.path, "the same key is given twice; each agent needs its own key");
      agents.add(k.agent);
      digests.add(hex);
    }, void 0);
  }
  return out.map(({ agent, sha256: sha2562 }) => ({ agent, sha256: sha2562 }));
}
function normalizeJwt(a, fail) {
  const j = a.jwt ?? {};
  if (a.jwt_secret !== void 0 && j.secret !== void 0)
    fail(["auth", "jwt", "secret"], "also set as auth.jwt_secret; keep one");
  const secretPath = a.jwt_secret !== void 0 ? ["auth", "jwt_secret"] : ["auth", "jwt", "secret"];
  const secretText = a.jwt_secret ?? j.secret;
  const hasKey = j.public_key !== void 0 || j.jwks_file !== void 0 || j.jwks_url !== void 0;
  if (secretText === void 0 && !hasKey)
    fail(
      ["auth", "mode"],
      "mode jwt needs auth.jwt_secret (HS*) or auth.jwt.public_key / jwks_file / jwks_url"
    );
  if (secretText !== void 0 && hasKey)
    fail(
      secretPath,
      "give a secret (HS*) or a public key (RS/ES/EdDSA), not both: mixing them invites algorithm confusion"
    );
  for (const k of ["public_key", "jwks_file", "jwks_url"])
    if (j[k] !== void 0 && j[k].trim() === "")
      fail(["auth", "jwt", k], "empty value; set the variable or remove the key");
  const algorithms = j.algorithms ?? (secretText !== void 0 ? ["HS256"] : ["RS256", "ES256", "EdDSA"]);
  if (algorithms.length === 0) fail(["auth", "jwt", "algorithms"], "empty list: no token could be accepted");
  algorithms.forEach((alg, i) => {
    const path = ["auth", "jwt", "algorithms", i];
    fail.unit(() => {
      if (!fail.known(path)) return;
      if (alg.toLowerCase() === "none") fail(path, "unsigned tokens (alg none) are never accepted");
      if (HS.test(alg) && secretText === void 0) fail(path, `${alg} needs a secret (auth.jwt_secret)`);
      if (ASYMMETRIC.test(alg) && !hasKey) fail(path, `${alg} needs public_key, jwks_file or jwks_url`);
      if (!HS.test(alg) && !ASYMMETRIC.test(alg)) fail(path, `unknown algorithm "${alg}"`);
    }, void 0);
  });
  const auth = {
    mode: "jwt",
    algorithms,
    clockToleranceSec: j.clock_tolerance_sec ?? GUARD_DEFAULTS.clockToleranceSec,
    agentClaim: j.agent_claim ?? GUARD_DEFAULTS.agentClaim
  };
  if (secretText !== void 0) {
    if (secretText === "") fail(secretPath, "empty secret; set the variable it refers to");
    const bytes = new TextEncoder().encode(secretText);
    fail.unit(() => {
      if (bytes.length < MIN_HS_SECRET_BYTES && fail.known(secretPath))
        fail(
          secretPath,
          `secret is ${bytes.length} bytes; HS* needs at least ${MIN_HS_SECRET_BYTES} (try: openssl rand -base64 48)`
        );
    }, void 0);
    auth.secret = bytes;
  }
  if (j.public_key !== void 0) auth.publicKey = j.public_key;
  if (j.jwks_file !== void 0) auth.jwksFile = j.jwks_file;
  if (j.jwks_url !== void 0) {
    const url = j.jwks_url;
    if (fail.known(["auth", "jwt", "jwks_url"]) && (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)))
      fail(["auth", "jwt", "jwks_url"], "expected an http(s) URL");
    auth.jwksUrl = j.jwks_url;
  }
  if (j.issuer !== void 0) auth.issuer = j.issuer;
  if (j.audience !== void 0) auth.audience = typeof j.audience === "string" ? [j.audience] : j.audience;
  return auth;
}

// src/config/guard-policies.ts
var DEFAULT_SPEND_TOOLS = [
  "wallet_request",
  "wallet_approve",
  "wallet_pay",
  "pay_create_checkout",
  "x402_pay",
  "pay",
  "send_payment",
  "make_payment",
  "create_payment",
  "transfer",
  "transfer_funds",
  "send_funds",
  "purchase",
  "charge"
].map((name) => ({ name, amount: "amount", currency: "USD" }));
function normalizePolicies(raw, serverNames, fail) {
  const p = raw.policies ?? {};
  const pick = (key) => {
    const places = [
      [["rate_limit", key], raw.rate_limit?.[key]],
      [["policies", "rate_limit", key], p.rate_limit?.[key]],
      [["policies", key], p[key]]
    ];
    const given = places.filter(([, v]) => v !== void 0);
    if (given.length === 0) return void 0;
    const [at, value] = given[0];
    fail.unit(() => {
      if (given.length > 1) fail(given[1][0], `also set at ${at.join(".")}; keep one`);
    }, void 0);
    if (key === "requests_per_minute" && positive(value, at, fail) === void 0) return void 0;
    fail.from(key === "requests_per_minute" ? "policies.requestsPerMinute" : "policies.spendPerHourUsd", at);
    return value;
  };
  const requestsPerMinute = pick("requests_per_minute");
  const policies = {
    approvalTtlSec: positive(p.approval_ttl_sec, ["policies", "approval_ttl_sec"], fail) ?? GUARD_DEFAULTS.approvalTtlSec,
    toolAllowlist: p.tool_allowlist ?? [],
    toolDenylist: p.tool_denylist ?? [],
    agents: {},
    pinning: p.pinning ?? "warn",
    spendTools: (p.spend?.tools ?? DEFAULT_SPEND_TOOLS).map((t) => ({
      name: t.name,
      amount: t.amount,
      currency: t.currency ?? "USD"
    }))
  };
  const spendPerHourUsd = pick("spend_per_hour_usd");
  if (requestsPerMinute !== void 0) policies.requestsPerMinute = requestsPerMinute;
  if (spendPerHourUsd !== void 0) policies.spendPerHourUsd = spendPerHourUsd;
  if (p.max_spend_per_session !== void 0) {
    policies.maxSpendPerSession = p.max_spend_per_session;
    fail.from("policies.maxSpendPerSession", ["policies", "max_spend_per_session"]);
  }
  if (p.require_approval_above !== void 0) policies.requireApprovalAbove = p.require_approval_above;
  fail.unit(() => {
    if (raw.agents !== void 0 && p.agents !== void 0)
      fail(["policies", "agents"], "agents are also set at the top level (agents); keep one");
  }, void 0);
  const agentsAt = raw.agents !== void 0 ? ["agents"] : ["policies", "agents"];
  for (const [id, a] of Object.entries(raw.agents ?? p.agents ?? {})) {
    const at = [...agentsAt, id];
    fail.unit(() => {
      if (id.trim() === "") fail(at, "empty agent id");
      const agent = { approvals: a.approvals ?? true };
      if (a.servers !== void 0) {
        a.servers.forEach((s, i) => {
          if (!serverNames.includes(s) && fail.known([...at, "servers", i]))
            fail([...at, "servers", i], `no server named "${s}"; servers: ${serverNames.join(", ")}`);
        });
        agent.servers = a.servers;
      }
      if (a.tool_allowlist !== void 0) agent.toolAllowlist = a.tool_allowlist;
      if (a.tool_denylist !== void 0) agent.toolDenylist = a.tool_denylist;
      if (a.requests_per_minute !== void 0) {
        if (a.requests_per_minute === 0) fail([...at, "requests_per_minute"], "must be greater than 0");
        agent.requestsPerMinute = a.requests_per_minute;
      }
      if (a.spend_per_hour_usd !== void 0) agent.spendPerHourUsd = a.spend_per_hour_usd;
      if (a.max_spend_per_session !== void 0) agent.maxSpendPerSession = a.max_spend_per_session;
      if (a.require_approval_above !== void 0) agent.requireApprovalAbove = a.require_approval_above;
      policies.agents[id] = agent;
    }, void 0);
  }
  return policies;
}

// src/config/guard-servers.ts
function normalizeServers(raw, fail) {
  const out = {};
  const servers = raw.servers ?? {};
  const names = Object.keys(servers);
  if (names.length === 0)
    fail(["servers"], "no server configured; add one under servers.<name> with a command or url");
  for (const name of names) {
    const s = servers[name];
    const at = ["servers", name];
    fail.unit(() => {
      if (s.command === void 0 && s.url === void 0)
        fail(at, "give either command (a local server) or url");
      if (s.command !== void 0 && s.url !== void 0)
        fail([...at, "url"], "give either command or url, not both");
      const server = { name, args: s.args ?? [], env: s.env ?? {}, headers: s.headers ?? {} };
      if (s.command !== void 0) {
        const words = /\s/.test(s.command.trim()) ? splitShell(s.command.trim()) : [s.command.trim()];
        if (words.length === 0 || words[0] === "") fail([...at, "command"], "empty command");
        const op = words.find((w) => /^(\||\|\||&&|;|>|>>|<|&|#.*)$/.test(w));
        if (op)
          fail([...at, "command"], `"${op}" needs a shell; run the program directly (or wrap it in sh -c)`);
        server.command = words[0];
        server.args = [...words.slice(1), ...server.args];
      }
      if (s.cwd !== void 0) server.cwd = s.cwd;
      if (s.url !== void 0) {
        if (fail.known([...at, "url"]) && (!URL.canParse(s.url) || !/^https?:$/.test(new URL(s.url).protocol)))
          fail([...at, "url"], "expected an http(s) URL");
        server.url = s.url;
      }
      out[name] = server;
    }, void 0);
  }
  return out;
}
function normalizeRoutes(raw, serverNames, fail) {
  return (raw.routes ?? []).flatMap((r, i) => {
    const at = ["routes", i];
    return fail.unit(() => {
      if (!serverNames.includes(r.target) && fail.known([...at, "target"]))
        fail([...at, "target"], `no server named "${r.target}"; servers: ${serverNames.join(", ")}`);
      if (r.mode === "tool" && !r.tool_name) fail([...at, "mode"], 'mode "tool" needs tool_name');
      if (r.mode === "method" && !r.method_prefix) fail([...at, "mode"], 'mode "method" needs method_prefix');
      const route = { mode: r.mode, target: r.target };
      if (r.tool_name !== void 0) route.toolName = r.tool_name;
      if (r.method_prefix !== void 0) route.methodPrefix = r.method_prefix;
      return [route];
    }, []);
  });
}

// src/config/guard-normalize.ts
var MIN_HS_SECRET_BYTES = 32;
var GUARD_DEFAULTS = {
  approvalTtlSec: 3600,
  maxMessageBytes: 4 * 1024 * 1024,
  requestTimeoutMs: 12e4,
  initializeTimeoutMs: 6e4,
  /** Nesting of arrays and objects in one message (jsonrpc.ts DEFAULT_MAX_DEPTH). */
  maxDepth: 64,
  host: "127.0.0.1",
  port: 8080,
  clockToleranceSec: 5,
  agentClaim: "sub",
  headersTimeoutMs: 1e4,
  httpRequestTimeoutMs: 3e4,
  maxConnectionsPerAddress: 256,
  sessionIdleSec: 1800,
  maxSessions: 1e3,
  maxSessionsPerPrincipal: 50,
  maxSessionBackends: 64,
  shutdownGraceMs: 1e4,
  oauthAlgorithms: ["RS256", "ES256", "PS256", "EdDSA"],
  jwksTimeoutMs: 5e3,
  jwksCacheSec: 600
};
var HS = /^HS(256|384|512)$/;
var ASYMMETRIC = /^(RS|PS|ES)(256|384|512)$|^ES256K$|^EdDSA$|^Ed25519$/;
function normalizeGuardConfig(raw, file, fail) {
  const base = dirname(file);
  const anchor = (p) => isAbsolute(p) ? p : resolve(base, p);
  const serverNames = Object.keys(raw.servers ?? {});
  const servers = fail.unit(() => normalizeServers(raw, fail), void 0);
  const routes = fail.unit(() => normalizeRoutes(raw, serverNames, fail), void 0);
  const policies = fail.unit(() => normalizePolicies(raw, serverNames, fail), void 0);
  const audit = fail.unit(() => normalizeAudit(raw, anchor, fail), void 0);
  const limits = {
    maxMessageBytes: positive(raw.limits?.max_message_bytes, ["limits", "max_message_bytes"], fail) ?? GUARD_DEFAULTS.maxMessageBytes,
    requestTimeoutMs: positive(raw.limits?.request_timeout_ms, ["limits", "request_timeout_ms"], fail) ?? GUARD_DEFAULTS.requestTimeoutMs,
    initializeTimeoutMs: positive(raw.limits?.initialize_timeout_ms, ["limits", "initialize_timeout_ms"], fail) ?? GUARD_DEFAULTS.initializeTimeoutMs,
    maxDepth: positive(raw.limits?.max_depth, ["limits", "max_depth"], fail) ?? GUARD_DEFAULTS.maxDepth
  };
  fail.unit(() => {
    if (limits.maxDepth > 1e3) fail(["limits", "max_depth"], "at most 1000");
  }, void 0);
  const auth = fail.unit(() => normalizeAuth(raw, fail), void 0);
  if (auth?.mode === "jwt" && auth.jwksFile !== void 0) auth.jwksFile = anchor(auth.jwksFile);
  for (const server of Object.values(servers ?? {}))
    if (server.cwd !== void 0) server.cwd = anchor(server.cwd);
  return {
    file,
    auth,
    servers,
    routes,
    policies,
    audit,
    http: fail.unit(() => normalizeHttp(raw, limits.maxMessageBytes, fail), void 0),
    approvals: fail.unit(() => normalizeApprovals(raw, fail), void 0),
    console: fail.unit(() => normalizeConsole(raw, auth?.mode, fail), void 0),
    store: fail.unit(() => normalizeStore(raw, anchor, fail), void 0),
    limits,
    namespacing: raw.namespacing ?? (serverNames.length > 1 ? "prefix" : "none"),
    replica: fail.unit(() => normalizeReplica(raw.replica, fail), void 0)
  };
}
function normalizeAudit(raw, anchor, fail) {
  if (raw.audit_log !== void 0 && raw.policies?.audit_log !== void 0)
    fail(["policies", "audit_log"], "the audit log is also set at the top level (audit_log); keep one");
  const legacyAudit = raw.audit_log ?? raw.policies?.audit_log;
  if (legacyAudit !== void 0 && raw.audit?.path !== void 0)
    fail(["audit", "path"], "the audit log is also set as audit_log; keep one");
  const auditPath = raw.audit?.path ?? legacyAudit;
  const at = raw.audit?.path !== void 0 ? ["audit", "path"] : raw.audit_log !== void 0 ? ["audit_log"] : ["policies", "audit_log"];
  if (auditPath !== void 0 && auditPath.trim() === "")
    fail(at, "empty path; remove the key or give a file");
  if (auditPath !== void 0) fail.from("audit.path", at);
  return {
    ...auditPath !== void 0 ? { path: anchor(auditPath) } : {},
    recordArguments: raw.audit?.record_arguments ?? false,
    redact: raw.audit?.redact ?? []
  };
}
function normalizeHttp(raw, maxMessageBytes, fail) {
  const h = raw.http ?? {};
  const at = (key) => ["http", key];
  if (raw.http !== void 0) fail.from("http", ["http"]);
  const pos = (key, fallback) => positive(h[key], at(key), fail) ?? fallback;
  const http = {
    host: h.host ?? GUARD_DEFAULTS.host,
    port: h.port ?? GUARD_DEFAULTS.port,
    allowedOrigins: h.allowed_origins ?? [],
    allowedHosts: h.allowed_hosts ?? [],
    maxBodyBytes: pos("max_body_bytes", maxMessageBytes),
    headersTimeoutMs: pos("headers_timeout_ms", GUARD_DEFAULTS.headersTimeoutMs),
    requestTimeoutMs: pos("request_timeout_ms", GUARD_DEFAULTS.httpRequestTimeoutMs),
    maxConnectionsPerAddress: pos("max_connections_per_address", GUARD_DEFAULTS.maxConnectionsPerAddress),
    sessionIdleSec: pos("session_idle_sec", GUARD_DEFAULTS.sessionIdleSec),
    maxSessions: pos("max_sessions", GUARD_DEFAULTS.maxSessions),
    maxSessionsPerPrincipal: pos("max_sessions_per_principal", GUARD_DEFAULTS.maxSessionsPerPrincipal),
    backendMode: h.backend_mode ?? "per_session",
    // Written into the config only when given, so the effective config lists what the file says.
    ...h.max_session_backends !== void 0 && {
      maxSessionBackends: pos("max_session_backends", GUARD_DEFAULTS.maxSessionBackends)
    },
    shutdownGraceMs: h.shutdown_grace_ms ?? GUARD_DEFAULTS.shutdownGraceMs,
    metrics: { enabled: h.metrics?.enabled ?? true, agentLabels: h.metrics?.agent_labels ?? false }
  };
  fail.unit(() => {
    if (http.port > 65535) fail(at("port"), "expected a port number from 0 to 65535");
  }, void 0);
  fail.unit(() => {
    if (http.requestTimeoutMs < http.headersTimeoutMs)
      fail(
        at(h.request_timeout_ms !== void 0 ? "request_timeout_ms" : "headers_timeout_ms"),
        `the whole request (request_timeout_ms ${http.requestTimeoutMs}) cannot take less time than its headers (headers_timeout_ms ${http.headersTimeoutMs})`
      );
  }, void 0);
  h.allowed_origins?.forEach((o, i) => {
    const path = ["http", "allowed_origins", i];
    fail.unit(() => {
      if (!fail.known(path)) return;
      if (o !== "*" && (!URL.canParse(o) || new URL(o).origin !== o))
        fail(path, `"${o}" is not an origin; write scheme://host[:port], no path`);
      if (o === "*") fail(path, '"*" would let any web page drive the guard; list origins');
    }, void 0);
  });
  if (h.public_url !== void 0) {
    const url = h.public_url;
    fail.unit(() => {
      if (fail.known(at("public_url"))) {
        if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol))
          fail(
            at("public_url"),
            "expected the http(s) URL clients use to reach the guard, e.g. https://mcp.example.com/mcp"
          );
        const u = new URL(url);
        if (u.search || u.hash)
          fail(at("public_url"), "no query or fragment in the canonical URL (RFC 8707)");
      }
      http.publicUrl = url;
    }, void 0);
  }
  if (h.metrics?.token !== void 0) {
    const token = h.metrics.token;
    fail.unit(() => {
      if (token.trim() === "")
        fail(["http", "metrics", "token"], "empty token; set the variable it refers to, or remove the key");
      http.metrics.token = token;
    }, void 0);
  }
  return http;
}
function normalizeReplica(replica, fail) {
  if (replica === void 0) return hostname();
  if (replica.trim() === "") fail(["replica"], "empty replica id; remove the key to use the host name");
  return replica.trim();
}
function positive(v, path, fail) {
  return fail.unit(() => {
    if (v === 0) fail(path, "must be greater than 0");
    return v;
  }, void 0);
}

export {
  argv,
  splitShell,
  programName,
  endpoints,
  runsGuard,
  GuardConfigError,
  credentialPlaces,
  MIN_HS_SECRET_BYTES,
  GUARD_DEFAULTS,
  normalizeGuardConfig
};
