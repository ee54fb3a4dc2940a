import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  ConfigError,
  PROJECT_CONFIG_NAME,
  SEVERITIES,
  display,
  failing,
  fingerprint,
  scan
} from "./chunk-56O4S47C.js";
import {
  MAX_FILE_BYTES,
  SKIPPED_DIRS
} from "./chunk-GCOHDLV4.js";
import {
  PROJECT_URL,
  VERSION
} from "./chunk-KMSCNTC6.js";

// src/scan/compare.ts
function group(findings) {
  const map = /* @__PURE__ */ new Map();
  for (const f of findings) {
    const list = map.get(f.fingerprint);
    if (list) list.push(f);
    else map.set(f.fingerprint, [f]);
  }
  return map;
}
function compareFindings(head, base) {
  const bases = group(base);
  const matched = /* @__PURE__ */ new Set();
  const used = /* @__PURE__ */ new Set();
  const passes = [
    (h, b) => h.file === b.file && h.line === b.line,
    (h, b) => h.file === b.file,
    () => true
  ];
  for (const [fp, heads] of group(head)) {
    const candidates = bases.get(fp);
    if (!candidates) continue;
    for (const same of passes) {
      for (const h of heads) {
        if (matched.has(h)) continue;
        const b = candidates.find((c) => !used.has(c) && same(h, c));
        if (b) {
          matched.add(h);
          used.add(b);
        }
      }
    }
  }
  return {
    added: head.filter((f) => !matched.has(f)),
    existing: head.filter((f) => matched.has(f)),
    fixed: base.filter((f) => !used.has(f))
  };
}
function countByStatus(result) {
  const added = result.findings.filter((f) => f.status === "new").length;
  return { added, existing: result.findings.length - added, fixed: result.diff?.fixed.length ?? 0 };
}

// src/output/github.ts
function escapeCommandData(text2) {
  return text2.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function escapeCommandProperty(text2) {
  return escapeCommandData(text2).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
var ANNOTATION_LEVEL = {
  critical: "error",
  high: "error",
  medium: "warning",
  low: "notice"
};
function annotation(f) {
  const props = [
    `file=${escapeCommandProperty(f.file)}`,
    `line=${f.line}`,
    `col=${f.column}`,
    `title=${escapeCommandProperty(`${f.ruleId} ${f.rule}`)}`
  ].join(",");
  const message = `${f.server ? `${f.server}: ` : ""}${f.message} (${f.severity})`;
  return `::${ANNOTATION_LEVEL[f.severity]} ${props}::${escapeCommandData(message)}`;
}
function formatGithub(result) {
  const annotated = result.diff ? result.findings.filter((f) => f.status === "new") : result.findings;
  const lines = annotated.map(annotation);
  for (const e of result.errors) {
    lines.push(
      `::warning file=${escapeCommandProperty(e.file)},title=mcp-guard::${escapeCommandData(`not scanned: ${e.message}`)}`
    );
  }
  const n = result.findings.length;
  const counts = result.diff ? countByStatus(result) : void 0;
  lines.push(
    `mcp-guard: ${n} finding${n === 1 ? "" : "s"} in ${result.files.length} file${result.files.length === 1 ? "" : "s"}` + (counts ? `: ${counts.added} new, ${counts.existing} existing; ${counts.fixed} fixed since ${result.diff?.base}.` : ".")
  );
  return `${lines.join("\n")}
`;
}

// src/output/json.ts
function finding(f, withStatus) {
  return {
    ruleId: f.ruleId,
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    file: f.file,
    line: f.line,
    column: f.column,
    client: f.client,
    server: f.server,
    fingerprint: f.fingerprint,
    ...withStatus ? { status: f.status } : {}
  };
}
function formatJson(result) {
  const { diff } = result;
  const doc = {
    version: diff ? 2 : 1,
    tool: { name: "mcp-guard", version: VERSION },
    findings: result.findings.map((f) => finding(f, diff !== void 0)),
    files: result.files.map((f) => ({ file: f.file, client: f.client, servers: f.servers })),
    searched: result.searched,
    errors: result.errors,
    ...diff ? {
      fixed: diff.fixed.map((f) => finding(f, true)),
      diff: { base: diff.base, commit: diff.commit, changed: diff.changed }
    } : {}
  };
  return `${JSON.stringify(doc, null, 2)}
`;
}

// src/output/escape.ts
var PUNCTUATION = /[!"#$%&'()*+,\-./:;<=>?[\\\]^_`{|}~]/g;
var ZWSP = "\u200B";
function escapeMarkdown(text2) {
  return text2.replace(/[\r\n\u2028\u2029]+/g, " ").replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "").replace(PUNCTUATION, (c) => `\\${c}`).replace(/[@#]/g, (c) => `${c}${ZWSP}`);
}

// src/output/markdown.ts
var ICON = {
  critical: "\u{1F534} critical",
  high: "\u{1F7E0} high",
  medium: "\u{1F7E1} medium",
  low: "\u{1F535} low"
};
function codeSpan(text2) {
  const flat = text2.replace(/[\r\n\u2028\u2029]+/g, " ").replace(/[\u0000-\u001f\u007f]/g, "");
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const body = flat.replace(/\|/g, "\\|");
  const pad = body.startsWith("`") || body.endsWith("`") || body.trim() === "" ? " " : "";
  return `${fence}${pad}${body}${pad}${fence}`;
}
function formatMarkdown(result) {
  const out = ["## mcp-guard scan", ""];
  const n = result.findings.length;
  const servers = result.files.reduce((sum, f) => sum + f.servers, 0);
  const scanned = `${result.files.length} file${result.files.length === 1 ? "" : "s"}, ${servers} server${servers === 1 ? "" : "s"}`;
  if (n === 0) out.push(`No findings (${scanned}).`);
  else {
    const counts = SEVERITIES.map((s) => [s, result.findings.filter((f) => f.severity === s).length]).filter(([, c]) => c > 0).map(([s, c]) => `${c} ${s}`).join(", ");
    out.push(`**${n} finding${n === 1 ? "" : "s"}** (${counts}) in ${scanned}.`);
  }
  const { diff } = result;
  if (diff) {
    const c = countByStatus(result);
    out.push(
      "",
      `Against ${codeSpan(diff.base)} (${codeSpan(diff.commit.slice(0, 12))}): **${c.added} new**, ${c.existing} existing, ${c.fixed} fixed.`
    );
  }
  if (result.suppressed > 0)
    out.push("", `${result.suppressed} suppressed by ignores, baseline or minimum severity.`);
  if (n > 0) out.push("", ...table(result.findings, diff !== void 0));
  if (diff && diff.fixed.length > 0) {
    out.push("", `### Fixed since ${codeSpan(diff.base)}`, "", ...table(diff.fixed, false));
  }
  if (result.errors.length > 0) {
    out.push("", "### Files not scanned", "");
    for (const e of result.errors) out.push(`- ${codeSpan(e.file)}: ${escapeMarkdown(e.message)}`);
  }
  return `${out.join("\n")}
`;
}
function table(findings, withStatus) {
  const head = withStatus ? ["| Status | Severity | Rule | Location | Server | Message |", "| --- | --- | --- | --- | --- | --- |"] : ["| Severity | Rule | Location | Server | Message |", "| --- | --- | --- | --- | --- |"];
  const rows = withStatus ? [...findings.filter((f) => f.status === "new"), ...findings.filter((f) => f.status !== "new")] : findings;
  return [
    ...head,
    ...rows.map((f) => {
      const rule = `[${escapeMarkdown(f.ruleId)}](${f.helpUri}) ${escapeMarkdown(f.rule)}`;
      const cells = [
        ICON[f.severity],
        rule,
        codeSpan(`${f.file}:${f.line}`),
        f.server === null ? "" : codeSpan(f.server),
        escapeMarkdown(f.message)
      ];
      if (withStatus) cells.unshift(f.status === "new" ? "**new**" : f.status ?? "");
      return `| ${cells.join(" | ")} |`;
    })
  ];
}

// src/output/sarif.ts
import { isAbsolute } from "node:path";
import { pathToFileURL } from "node:url";
var SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
var INFORMATION_URI = PROJECT_URL;
var FINGERPRINT_KEY = "mcpGuardFindingHash/v2";
var SRCROOT = "%SRCROOT%";
var SECURITY_SEVERITY = {
  critical: "9.5",
  high: "8.0",
  medium: "5.5",
  low: "3.0"
};
var SARIF_LEVEL = {
  critical: "error",
  high: "error",
  medium: "warning",
  low: "note"
};
function formatSarif(result) {
  const rules = result.rules;
  const index = new Map(rules.map((r, i) => [r.code, i]));
  const log = {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "mcp-guard",
            version: VERSION,
            semanticVersion: VERSION,
            informationUri: INFORMATION_URI,
            rules: rules.map(ruleDescriptor)
          }
        },
        originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(result.root) } },
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: result.errors.map((e) => ({
              level: "warning",
              message: { text: e.message },
              locations: [{ physicalLocation: { artifactLocation: artifactLocation(e.file) } }]
            }))
          }
        ],
        results: result.findings.map((f) => sarifResult(f, index)),
        columnKind: "utf16CodeUnits"
      }
    ]
  };
  return `${JSON.stringify(log, null, 2)}
`;
}
function ruleDescriptor(rule) {
  const tags = rule.tags.includes("security") ? rule.tags : ["security", ...rule.tags];
  return {
    id: rule.code,
    name: rule.name,
    shortDescription: { text: rule.summary },
    fullDescription: { text: rule.description },
    help: {
      text: `${rule.description}

${rule.help}

Fix: ${rule.fix}`,
      markdown: `**${rule.code} ${rule.name}**

${rule.description}

${rule.help}

[Documentation](${rule.helpUri})`
    },
    helpUri: rule.helpUri,
    defaultConfiguration: { level: SARIF_LEVEL[rule.severity] },
    properties: {
      "security-severity": SECURITY_SEVERITY[rule.severity],
      precision: rule.precision,
      tags
    }
  };
}
function sarifResult(f, index) {
  return {
    ruleId: f.ruleId,
    // A finding of a rule outside the list (a custom rule set) still validates without an index.
    ...index.has(f.ruleId) ? { ruleIndex: index.get(f.ruleId) } : {},
    level: SARIF_LEVEL[f.severity],
    message: { text: f.server ? `${f.server}: ${f.message}` : f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifactLocation(f.file),
          region: { startLine: Math.max(1, f.line), startColumn: Math.max(1, f.column) }
        }
      }
    ],
    // Where the same server was first launched (MG407), and other places a rule relates to the finding.
    ...f.related?.length ? {
      relatedLocations: f.related.map((r, id) => ({
        id,
        physicalLocation: {
          artifactLocation: artifactLocation(r.file),
          region: { startLine: Math.max(1, r.line), startColumn: Math.max(1, r.column) }
        },
        message: { text: r.message }
      }))
    } : {},
    partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
    ...f.status ? { baselineState: f.status === "new" ? "new" : "unchanged" } : {},
    properties: { severity: f.severity, client: f.client, server: f.server ?? "" }
  };
}
function artifactLocation(file) {
  if (isAbsolute(file) || /^[A-Za-z]:[\\/]/.test(file)) return { uri: fileUri(file) };
  const uri = file.replace(/\\/g, "/").split("/").map(encodeURIComponent).join("/");
  return { uri, uriBaseId: SRCROOT };
}
function fileUri(file) {
  if (/^[A-Za-z]:[\\/]/.test(file)) {
    const segments = file.replace(/\\/g, "/").split("/");
    return `file:///${segments[0]}/${segments.slice(1).map(encodeURIComponent).join("/")}`;
  }
  return pathToFileURL(file).href;
}
function directoryUri(dir) {
  const uri = fileUri(dir);
  return uri.endsWith("/") ? uri : `${uri}/`;
}

// node_modules/chalk/source/vendor/ansi-styles/index.js
var ANSI_BACKGROUND_OFFSET = 10;
var wrapAnsi16 = (offset = 0) => (code) => `\x1B[${code + offset}m`;
var wrapAnsi256 = (offset = 0) => (code) => `\x1B[${38 + offset};5;${code}m`;
var wrapAnsi16m = (offset = 0) => (red, green, blue) => `\x1B[${38 + offset};2;${red};${green};${blue}m`;
var styles = {
  modifier: {
    reset: [0, 0],
    // 21 isn't widely supported and 22 does the same thing
    bold: [1, 22],
    dim: [2, 22],
    italic: [3, 23],
    underline: [4, 24],
    overline: [53, 55],
    inverse: [7, 27],
    hidden: [8, 28],
    strikethrough: [9, 29]
  },
  color: {
    black: [30, 39],
    red: [31, 39],
    green: [32, 39],
    yellow: [33, 39],
    blue: [34, 39],
    magenta: [35, 39],
    cyan: [36, 39],
    white: [37, 39],
    // Bright color
    blackBright: [90, 39],
    gray: [90, 39],
    // Alias of `blackBright`
    grey: [90, 39],
    // Alias of `blackBright`
    redBright: [91, 39],
    greenBright: [92, 39],
    yellowBright: [93, 39],
    blueBright: [94, 39],
    magentaBright: [95, 39],
    cyanBright: [96, 39],
    whiteBright: [97, 39]
  },
  bgColor: {
    bgBlack: [40, 49],
    bgRed: [41, 49],
    bgGreen: [42, 49],
    bgYellow: [43, 49],
    bgBlue: [44, 49],
    bgMagenta: [45, 49],
    bgCyan: [46, 49],
    bgWhite: [47, 49],
    // Bright color
    bgBlackBright: [100, 49],
    bgGray: [100, 49],
    // Alias of `bgBlackBright`
    bgGrey: [100, 49],
    // Alias of `bgBlackBright`
    bgRedBright: [101, 49],
    bgGreenBright: [102, 49],
    bgYellowBright: [103, 49],
    bgBlueBright: [104, 49],
    bgMagentaBright: [105, 49],
    bgCyanBright: [106, 49],
    bgWhiteBright: [107, 49]
  }
};
var modifierNames = Object.keys(styles.modifier);
var foregroundColorNames = Object.keys(styles.color);
var backgroundColorNames = Object.keys(styles.bgColor);
var colorNames = [...foregroundColorNames, ...backgroundColorNames];
function assembleStyles() {
  const codes = /* @__PURE__ */ new Map();
  for (const [groupName, group2] of Object.entries(styles)) {
    for (const [styleName, style] of Object.entries(group2)) {
      styles[styleName] = {
        open: `\x1B[${style[0]}m`,
        close: `\x1B[${style[1]}m`
      };
      group2[styleName] = styles[styleName];
      codes.set(style[0], style[1]);
    }
    Object.defineProperty(styles, groupName, {
      value: group2,
      enumerable: false
    });
  }
  Object.defineProperty(styles, "codes", {
    value: codes,
    enumerable: false
  });
  styles.color.close = "\x1B[39m";
  styles.bgColor.close = "\x1B[49m";
  styles.color.ansi = wrapAnsi16();
  styles.color.ansi256 = wrapAnsi256();
  styles.color.ansi16m = wrapAnsi16m();
  styles.bgColor.ansi = wrapAnsi16(ANSI_BACKGROUND_OFFSET);
  styles.bgColor.ansi256 = wrapAnsi256(ANSI_BACKGROUND_OFFSET);
  styles.bgColor.ansi16m = wrapAnsi16m(ANSI_BACKGROUND_OFFSET);
  Object.defineProperties(styles, {
    rgbToAnsi256: {
      value(red, green, blue) {
        if (red === green && green === blue) {
          if (red < 8) {
            return 16;
          }
          if (red > 248) {
            return 231;
          }
          return Math.round((red - 8) / 247 * 24) + 232;
        }
        return 16 + 36 * Math.round(red / 255 * 5) + 6 * Math.round(green / 255 * 5) + Math.round(blue / 255 * 5);
      },
      enumerable: false
    },
    hexToRgb: {
      value(hex) {
        const matches = /[a-f\d]{6}|[a-f\d]{3}/i.exec(hex.toString(16));
        if (!matches) {
          return [0, 0, 0];
        }
        let [colorString] = matches;
        if (colorString.length === 3) {
          colorString = [...colorString].map((character) => character + character).join("");
        }
        const integer = Number.parseInt(colorString, 16);
        return [
          /* eslint-disable no-bitwise */
          integer >> 16 & 255,
          integer >> 8 & 255,
          integer & 255
          /* eslint-enable no-bitwise */
        ];
      },
      enumerable: false
    },
    hexToAnsi256: {
      value: (hex) => styles.rgbToAnsi256(...styles.hexToRgb(hex)),
      enumerable: false
    },
    ansi256ToAnsi: {
      value(code) {
        if (code < 8) {
          return 30 + code;
        }
        if (code < 16) {
          return 90 + (code - 8);
        }
        let red;
        let green;
        let blue;
        if (code >= 232) {
          red = ((code - 232) * 10 + 8) / 255;
          green = red;
          blue = red;
        } else {
          code -= 16;
          const remainder = code % 36;
          red = Math.floor(code / 36) / 5;
          green = Math.floor(remainder / 6) / 5;
          blue = remainder % 6 / 5;
        }
        const value = Math.max(red, green, blue) * 2;
        if (value === 0) {
          return 30;
        }
        let result = 30 + (Math.round(blue) << 2 | Math.round(green) << 1 | Math.round(red));
        if (value === 2) {
          result += 60;
        }
        return result;
      },
      enumerable: false
    },
    rgbToAnsi: {
      value: (red, green, blue) => styles.ansi256ToAnsi(styles.rgbToAnsi256(red, green, blue)),
      enumerable: false
    },
    hexToAnsi: {
      value: (hex) => styles.ansi256ToAnsi(styles.hexToAnsi256(hex)),
      enumerable: false
    }
  });
  return styles;
}
var ansiStyles = assembleStyles();
var ansi_styles_default = ansiStyles;

// node_modules/chalk/source/vendor/supports-color/index.js
import process2 from "node:process";
import os from "node:os";
import tty from "node:tty";
function hasFlag(flag, argv = globalThis.Deno ? globalThis.Deno.args : process2.argv) {
  const prefix = flag.startsWith("-") ? "" : flag.length === 1 ? "-" : "--";
  const position = argv.indexOf(prefix + flag);
  const terminatorPosition = argv.indexOf("--");
  return position !== -1 && (terminatorPosition === -1 || position < terminatorPosition);
}
var { env } = process2;
var flagForceColor;
if (hasFlag("no-color") || hasFlag("no-colors") || hasFlag("color=false") || hasFlag("color=never")) {
  flagForceColor = 0;
} else if (hasFlag("color") || hasFlag("colors") || hasFlag("color=true") || hasFlag("color=always")) {
  flagForceColor = 1;
}
function envForceColor() {
  if ("FORCE_COLOR" in env) {
    if (env.FORCE_COLOR === "true") {
      return 1;
    }
    if (env.FORCE_COLOR === "false") {
      return 0;
    }
    return env.FORCE_COLOR.length === 0 ? 1 : Math.min(Number.parseInt(env.FORCE_COLOR, 10), 3);
  }
}
function translateLevel(level) {
  if (level === 0) {
    return false;
  }
  return {
    level,
    hasBasic: true,
    has256: level >= 2,
    has16m: level >= 3
  };
}
function _supportsColor(haveStream, { streamIsTTY, sniffFlags = true } = {}) {
  const noFlagForceColor = envForceColor();
  if (noFlagForceColor !== void 0) {
    flagForceColor = noFlagForceColor;
  }
  const forceColor = sniffFlags ? flagForceColor : noFlagForceColor;
  if (forceColor === 0) {
    return 0;
  }
  if (sniffFlags) {
    if (hasFlag("color=16m") || hasFlag("color=full") || hasFlag("color=truecolor")) {
      return 3;
    }
    if (hasFlag("color=256")) {
      return 2;
    }
  }
  if ("TF_BUILD" in env && "AGENT_NAME" in env) {
    return 1;
  }
  if (haveStream && !streamIsTTY && forceColor === void 0) {
    return 0;
  }
  const min = forceColor || 0;
  if (env.TERM === "dumb") {
    return min;
  }
  if (process2.platform === "win32") {
    const osRelease = os.release().split(".");
    if (Number(osRelease[0]) >= 10 && Number(osRelease[2]) >= 10586) {
      return Number(osRelease[2]) >= 14931 ? 3 : 2;
    }
    return 1;
  }
  if ("CI" in env) {
    if (["GITHUB_ACTIONS", "GITEA_ACTIONS", "CIRCLECI"].some((key) => key in env)) {
      return 3;
    }
    if (["TRAVIS", "APPVEYOR", "GITLAB_CI", "BUILDKITE", "DRONE"].some((sign) => sign in env) || env.CI_NAME === "codeship") {
      return 1;
    }
    return min;
  }
  if ("TEAMCITY_VERSION" in env) {
    return /^(9\.(0*[1-9]\d*)\.|\d{2,}\.)/.test(env.TEAMCITY_VERSION) ? 1 : 0;
  }
  if (env.COLORTERM === "truecolor") {
    return 3;
  }
  if (env.TERM === "xterm-kitty") {
    return 3;
  }
  if (env.TERM === "xterm-ghostty") {
    return 3;
  }
  if (env.TERM === "wezterm") {
    return 3;
  }
  if ("TERM_PROGRAM" in env) {
    const version = Number.parseInt((env.TERM_PROGRAM_VERSION || "").split(".")[0], 10);
    switch (env.TERM_PROGRAM) {
      case "iTerm.app": {
        return version >= 3 ? 3 : 2;
      }
      case "Apple_Terminal": {
        return 2;
      }
    }
  }
  if (/-256(color)?$/i.test(env.TERM)) {
    return 2;
  }
  if (/^screen|^xterm|^vt100|^vt220|^rxvt|color|ansi|cygwin|linux/i.test(env.TERM)) {
    return 1;
  }
  if ("COLORTERM" in env) {
    return 1;
  }
  return min;
}
function createSupportsColor(stream, options = {}) {
  const level = _supportsColor(stream, {
    streamIsTTY: stream && stream.isTTY,
    ...options
  });
  return translateLevel(level);
}
var supportsColor = {
  stdout: createSupportsColor({ isTTY: tty.isatty(1) }),
  stderr: createSupportsColor({ isTTY: tty.isatty(2) })
};
var supports_color_default = supportsColor;

// node_modules/chalk/source/utilities.js
function stringReplaceAll(string, substring, replacer) {
  let index = string.indexOf(substring);
  if (index === -1) {
    return string;
  }
  const substringLength = substring.length;
  let endIndex = 0;
  let returnValue = "";
  do {
    returnValue += string.slice(endIndex, index) + substring + replacer;
    endIndex = index + substringLength;
    index = string.indexOf(substring, endIndex);
  } while (index !== -1);
  returnValue += string.slice(endIndex);
  return returnValue;
}
function stringEncaseCRLFWithFirstIndex(string, prefix, postfix, index) {
  let endIndex = 0;
  let returnValue = "";
  do {
    const gotCR = string[index - 1] === "\r";
    returnValue += string.slice(endIndex, gotCR ? index - 1 : index) + prefix + (gotCR ? "\r\n" : "\n") + postfix;
    endIndex = index + 1;
    index = string.indexOf("\n", endIndex);
  } while (index !== -1);
  returnValue += string.slice(endIndex);
  return returnValue;
}

// node_modules/chalk/source/index.js
var { stdout: stdoutColor, stderr: stderrColor } = supports_color_default;
var GENERATOR = /* @__PURE__ */ Symbol("GENERATOR");
var STYLER = /* @__PURE__ */ Symbol("STYLER");
var IS_EMPTY = /* @__PURE__ */ Symbol("IS_EMPTY");
var levelMapping = [
  "ansi",
  "ansi",
  "ansi256",
  "ansi16m"
];
var styles2 = /* @__PURE__ */ Object.create(null);
var applyOptions = (object, options = {}) => {
  if (options.level && !(Number.isInteger(options.level) && options.level >= 0 && options.level <= 3)) {
    throw new Error("The `level` option should be an integer from 0 to 3");
  }
  const colorLevel = stdoutColor ? stdoutColor.level : 0;
  object.level = options.level === void 0 ? colorLevel : options.level;
};
var Chalk = class {
  constructor(options) {
    return chalkFactory(options);
  }
};
var chalkFactory = (options) => {
  const chalk2 = (...strings) => strings.join(" ");
  applyOptions(chalk2, options);
  Object.setPrototypeOf(chalk2, createChalk.prototype);
  return chalk2;
};
function createChalk(options) {
  return chalkFactory(options);
}
Object.setPrototypeOf(createChalk.prototype, Function.prototype);
for (const [styleName, style] of Object.entries(ansi_styles_default)) {
  styles2[styleName] = {
    get() {
      const builder = createBuilder(this, createStyler(style.open, style.close, this[STYLER]), this[IS_EMPTY]);
      Object.defineProperty(this, styleName, { value: builder });
      return builder;
    }
  };
}
styles2.visible = {
  get() {
    const builder = createBuilder(this, this[STYLER], true);
    Object.defineProperty(this, "visible", { value: builder });
    return builder;
  }
};
var getModelAnsi = (model, level, type, ...arguments_) => {
  if (model === "rgb") {
    if (level === "ansi16m") {
      return ansi_styles_default[type].ansi16m(...arguments_);
    }
    if (level === "ansi256") {
      return ansi_styles_default[type].ansi256(ansi_styles_default.rgbToAnsi256(...arguments_));
    }
    return ansi_styles_default[type].ansi(ansi_styles_default.rgbToAnsi(...arguments_));
  }
  if (model === "hex") {
    return getModelAnsi("rgb", level, type, ...ansi_styles_default.hexToRgb(...arguments_));
  }
  return ansi_styles_default[type][model](...arguments_);
};
var usedModels = ["rgb", "hex", "ansi256"];
for (const model of usedModels) {
  styles2[model] = {
    get() {
      const { level } = this;
      return function(...arguments_) {
        const styler = createStyler(getModelAnsi(model, levelMapping[level], "color", ...arguments_), ansi_styles_default.color.close, this[STYLER]);
        return createBuilder(this, styler, this[IS_EMPTY]);
      };
    }
  };
  const bgModel = "bg" + model[0].toUpperCase() + model.slice(1);
  styles2[bgModel] = {
    get() {
      const { level } = this;
      return function(...arguments_) {
        const styler = createStyler(getModelAnsi(model, levelMapping[level], "bgColor", ...arguments_), ansi_styles_default.bgColor.close, this[STYLER]);
        return createBuilder(this, styler, this[IS_EMPTY]);
      };
    }
  };
}
var proto = Object.defineProperties(() => {
}, {
  ...styles2,
  level: {
    enumerable: true,
    get() {
      return this[GENERATOR].level;
    },
    set(level) {
      this[GENERATOR].level = level;
    }
  }
});
var createStyler = (open, close, parent) => {
  let openAll;
  let closeAll;
  if (parent === void 0) {
    openAll = open;
    closeAll = close;
  } else {
    openAll = parent.openAll + open;
    closeAll = close + parent.closeAll;
  }
  return {
    open,
    close,
    openAll,
    closeAll,
    parent
  };
};
var createBuilder = (self, _styler, _isEmpty) => {
  const builder = (...arguments_) => applyStyle(builder, arguments_.length === 1 ? "" + arguments_[0] : arguments_.join(" "));
  Object.setPrototypeOf(builder, proto);
  builder[GENERATOR] = self;
  builder[STYLER] = _styler;
  builder[IS_EMPTY] = _isEmpty;
  return builder;
};
var applyStyle = (self, string) => {
  if (self.level <= 0 || !string) {
    return self[IS_EMPTY] ? "" : string;
  }
  let styler = self[STYLER];
  if (styler === void 0) {
    return string;
  }
  const { openAll, closeAll } = styler;
  if (string.includes("\x1B")) {
    while (styler !== void 0) {
      string = stringReplaceAll(string, styler.close, styler.open);
      styler = styler.parent;
    }
  }
  const lfIndex = string.indexOf("\n");
  if (lfIndex !== -1) {
    string = stringEncaseCRLFWithFirstIndex(string, closeAll, openAll, lfIndex);
  }
  return openAll + string + closeAll;
};
Object.defineProperties(createChalk.prototype, styles2);
var chalk = createChalk();
var chalkStderr = createChalk({ level: stderrColor ? stderrColor.level : 0 });
var source_default = chalk;

// src/output/text.ts
function formatText(result, options) {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const paint = {
    critical: (s) => c.bold.red(s),
    high: (s) => c.red(s),
    medium: (s) => c.yellow(s),
    low: (s) => c.cyan(s)
  };
  const lines = [];
  const { diff } = result;
  const tag = (f) => {
    if (!diff) return "";
    const word = (f.status ?? "").padEnd(9);
    return f.status === "new" ? c.bold(word) : f.status === "fixed" ? c.green(word) : c.dim(word);
  };
  const list = (findings, fixes) => {
    const byFile = /* @__PURE__ */ new Map();
    for (const f of findings) byFile.set(f.file, [...byFile.get(f.file) ?? [], f]);
    for (const [file, group2] of byFile) {
      lines.push(c.underline(file) + c.dim(`  (${group2[0].client})`));
      for (const f of group2) {
        const where = c.dim(`${f.line}:${f.column}`.padEnd(8));
        const sev = paint[f.severity](f.severity.padEnd(8));
        const server = f.server ? `${c.bold(f.server)}: ` : "";
        lines.push(`  ${where} ${sev} ${tag(f)}${f.ruleId} ${c.dim(f.rule)}  ${server}${f.message}`);
        if (fixes && f.fix) lines.push(`  ${" ".repeat(8)} ${" ".repeat(8)} ${c.dim(`fix: ${f.fix}`)}`);
      }
      lines.push("");
    }
  };
  list(result.findings, true);
  if (diff && diff.fixed.length > 0) {
    lines.push(c.bold(`Fixed since ${diff.base} (lines as they were there):`), "");
    list(diff.fixed, false);
  }
  for (const e of result.errors) lines.push(`${c.yellow("warning")} ${e.file}: ${e.message}`);
  if (options.verbose) {
    lines.push(c.bold("Files read:"));
    for (const f of result.files)
      lines.push(`  ${f.file} (${f.client}, ${f.servers} server${f.servers === 1 ? "" : "s"})`);
    if (result.searched.length > 0) {
      lines.push(c.bold("Locations looked at:"));
      for (const s of result.searched)
        lines.push(`  ${s.found ? c.green("found  ") : c.dim("missing")} ${s.path} (${s.client})`);
    }
  }
  const counts = SEVERITIES.map(
    (s) => [s, result.findings.filter((f) => f.severity === s).length]
  ).filter(([, n]) => n > 0);
  const servers = result.files.reduce((n, f) => n + f.servers, 0);
  const scanned = `${result.files.length} file${result.files.length === 1 ? "" : "s"}, ${servers} server${servers === 1 ? "" : "s"}`;
  if (result.findings.length === 0) lines.push(c.green(`No findings (${scanned}).`));
  else {
    const parts = counts.map(([s, n]) => paint[s](`${n} ${s}`)).join(", ");
    lines.push(
      `${result.findings.length} finding${result.findings.length === 1 ? "" : "s"} (${parts}) in ${scanned}.`
    );
  }
  if (diff) lines.push(diffLine(result));
  if (result.suppressed > 0)
    lines.push(c.dim(`${result.suppressed} suppressed by ignores, baseline or --min-severity.`));
  if (result.files.length === 0 && result.errors.length === 0) {
    lines.push(c.yellow("No MCP config files were found. Use --verbose to see where mcp-guard looked."));
  }
  return `${lines.join("\n")}
`;
}
function diffLine(result) {
  const n = countByStatus(result);
  return `Against ${result.diff?.base} (${result.diff?.commit.slice(0, 12)}): ${n.added} new, ${n.existing} existing, ${n.fixed} fixed.`;
}

// src/output/index.ts
var FORMATS = ["text", "json", "sarif", "github", "markdown"];
function render(result, format, opts) {
  switch (format) {
    case "json":
      return formatJson(result);
    case "text":
      return formatText(result, opts);
    case "sarif":
      return formatSarif(result);
    case "github":
      return formatGithub(result);
    case "markdown":
      return formatMarkdown(result);
  }
}

// src/scan/git.ts
import { execFile, spawn } from "node:child_process";
var BaseUnavailableError = class extends Error {
  name = "BaseUnavailableError";
};
var GIT_ENV = { GIT_TERMINAL_PROMPT: "0", GIT_OPTIONAL_LOCKS: "0", LC_ALL: "C" };
function firstLine(text2) {
  return text2.split("\n").map((l) => l.trim()).find((l) => l !== "") ?? "";
}
function git(cwd, args, env2 = {}) {
  return new Promise((resolve2, reject) => {
    execFile(
      "git",
      args,
      { cwd, encoding: "buffer", maxBuffer: 1 << 30, env: { ...process.env, ...GIT_ENV, ...env2 } },
      (error, stdout, stderr) => {
        if (!error) return resolve2(stdout);
        if (error.code === "ENOENT")
          return reject(new BaseUnavailableError("git is not installed (or not on PATH)"));
        reject(new BaseUnavailableError(firstLine(stderr.toString("utf8")) || error.message));
      }
    );
  });
}
async function text(cwd, args, env2) {
  return (await git(cwd, args, env2)).toString("utf8").trim();
}
async function repositoryTop(dir) {
  try {
    return await text(dir, ["rev-parse", "--show-toplevel"]);
  } catch (error) {
    const why = error.message;
    throw new BaseUnavailableError(
      /not a git repository/.test(why) ? `${dir} is not in a git repository` : `${dir}: ${why}`
    );
  }
}
async function commitOf(top, ref) {
  return text(top, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`]).catch(
    () => void 0
  );
}
async function resolveCommit(top, ref, fetch) {
  if (ref === "" || ref.startsWith("-")) throw new BaseUnavailableError(`'${ref}' is not a git ref`);
  const found = await commitOf(top, ref);
  if (found) return found;
  const shallow = await text(top, ["rev-parse", "--is-shallow-repository"]).catch(() => "") === "true";
  if (!shallow || !fetch) {
    throw new BaseUnavailableError(
      `'${ref}' is not a commit in this repository${shallow ? " (a shallow clone)" : ""}`
    );
  }
  const remote = fetch.remote ?? "origin";
  const want = ref.startsWith(`${remote}/`) ? ref.slice(remote.length + 1) : ref;
  try {
    await git(
      top,
      ["fetch", "--no-tags", "--no-recurse-submodules", "--depth=1", "--quiet", remote, want],
      fetch.env
    );
  } catch (error) {
    throw new BaseUnavailableError(
      `'${ref}' is not in this shallow clone and could not be fetched from ${remote}: ${error.message}`
    );
  }
  const fetched = await commitOf(top, ref) ?? await commitOf(top, "FETCH_HEAD");
  if (!fetched) throw new BaseUnavailableError(`'${ref}' was fetched from ${remote} but is not a commit`);
  return fetched;
}
function fields(out) {
  const list = out.toString("utf8").split("\0");
  if (list.at(-1) === "") list.pop();
  return list;
}
async function changesSince(top, base, head) {
  const args = head ? ["diff-tree", "-r", "-z", "--no-commit-id", "--name-status", "--find-renames", base, head, "--"] : [
    "diff",
    "--no-color",
    "--no-ext-diff",
    "--no-relative",
    "-z",
    "--name-status",
    "--find-renames",
    base,
    "--"
  ];
  const list = fields(await git(top, args));
  const changes = { renamed: /* @__PURE__ */ new Map(), changed: /* @__PURE__ */ new Set(), deleted: /* @__PURE__ */ new Set() };
  for (let i = 0; i < list.length; ) {
    const status = list[i++];
    if (status.startsWith("R") || status.startsWith("C")) {
      const from = list[i++];
      const to = list[i++];
      if (status.startsWith("R")) changes.renamed.set(to, from);
      changes.changed.add(to);
    } else if (status === "D") changes.deleted.add(list[i++]);
    else changes.changed.add(list[i++]);
  }
  return changes;
}
async function listTree(top, commit) {
  const tree = /* @__PURE__ */ new Map();
  for (const line of fields(await git(top, ["ls-tree", "-r", "-z", "--full-tree", commit]))) {
    const tab = line.indexOf("	");
    const [mode, type, oid] = line.slice(0, tab).split(" ");
    tree.set(line.slice(tab + 1), { mode, type, oid });
  }
  return tree;
}
function catFile(top, mode, oids) {
  return new Promise((resolve2, reject) => {
    const child = spawn("git", ["cat-file", mode], {
      cwd: top,
      env: { ...process.env, ...GIT_ENV },
      stdio: ["pipe", "pipe", "pipe"]
    });
    const chunks = [];
    let stderr = "";
    child.stdout.on("data", (c) => chunks.push(c));
    child.stderr.setEncoding("utf8").on("data", (d) => {
      stderr += d;
    });
    child.on("error", (e) => reject(new BaseUnavailableError(`git cat-file: ${e.message}`)));
    child.on("close", (code) => {
      if (code !== 0) reject(new BaseUnavailableError(`git cat-file: ${firstLine(stderr)}`));
      else resolve2(Buffer.concat(chunks));
    });
    child.stdin.end(`${oids.join("\n")}
`);
  });
}
async function readBlobs(top, oids, maxBytes) {
  const blobs = /* @__PURE__ */ new Map();
  if (oids.length === 0) return blobs;
  const small = (await catFile(top, "--batch-check", oids)).toString("utf8").split("\n").map((line) => line.split(" ")).filter(([, type, size]) => type === "blob" && Number(size) <= maxBytes).map(([oid]) => oid);
  if (small.length === 0) return blobs;
  const out = await catFile(top, "--batch", small);
  let at = 0;
  while (at < out.length) {
    const nl = out.indexOf(10, at);
    const [oid, , size] = out.subarray(at, nl).toString("utf8").split(" ");
    const n = Number(size);
    blobs.set(oid, out.subarray(nl + 1, nl + 1 + n));
    at = nl + 1 + n + 1;
  }
  return blobs;
}

// src/scan/diff.ts
import { mkdir, mkdtemp, realpath, rm, stat, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, isAbsolute as isAbsolute2, join, relative, resolve, sep } from "node:path";
var WRITERS = 16;
function inside(top, abs) {
  const rel = relative(top, abs);
  if (rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute2(rel)) return void 0;
  return rel.split(sep).join("/");
}
async function realOrSelf(p) {
  return realpath(p).catch(() => p);
}
async function compareWithBase(head, options, base) {
  const cwd = resolve(options.cwd ?? process.cwd());
  const paths = (options.paths ?? []).map((p) => resolve(cwd, p));
  if (paths.length === 0)
    throw new ConfigError("comparing with a git base needs files or folders to scan, not the machine");
  const top = await repositoryTop(paths[0]);
  const rel = async (abs, what) => {
    const r = inside(top, await realOrSelf(abs));
    if (r === void 0) throw new ConfigError(`${what} ${abs} is outside the git repository ${top}`);
    return r;
  };
  const relPaths = await Promise.all(paths.map((p) => rel(p, "path")));
  const relCwd = inside(top, await realOrSelf(cwd));
  const realRoot = await realOrSelf(head.root);
  const relRoot = inside(top, realRoot);
  if (relRoot === void 0)
    throw new ConfigError(
      `the scan root ${head.root} is outside the git repository ${top}: scan a folder of it`
    );
  const commit = await resolveCommit(top, base.ref, base.fetch);
  const [changes, tree] = await Promise.all([changesSince(top, commit, base.head), listTree(top, commit)]);
  const wanted = /* @__PURE__ */ new Set();
  const notInBase = /* @__PURE__ */ new Set();
  const headPaths = await Promise.all(
    head.files.map(async (f) => inside(top, await realOrSelf(resolve(head.root, f.file))))
  );
  for (const r of headPaths) {
    if (r === void 0) continue;
    const basePath = changes.renamed.get(r) ?? r;
    if (tree.has(basePath)) wanted.add(basePath);
    else notInBase.add(r);
  }
  const vendored = (p) => p.split("/").some((seg) => SKIPPED_DIRS.includes(seg));
  for (const p of changes.changed) if (!vendored(p)) wanted.add(changes.renamed.get(p) ?? p);
  for (const p of changes.deleted) if (!vendored(p)) wanted.add(p);
  const headConfig = options.config ?? join(head.root, PROJECT_CONFIG_NAME);
  const config = options.config || await isFile(headConfig) ? headConfig : void 0;
  wanted.delete(relRoot === "" ? PROJECT_CONFIG_NAME : `${relRoot}/${PROJECT_CONFIG_NAME}`);
  const dir = await mkdtemp(join(base.tmpDir ?? tmpdir(), "mcp-guard-base-"));
  try {
    await writeBase(top, dir, tree, wanted);
    for (const [i, p] of relPaths.entries()) {
      if (await isDirectory(paths[i])) await mkdir(join(dir, p), { recursive: true });
    }
    const baseCwd = relCwd === void 0 ? dir : join(dir, relCwd);
    await mkdir(baseCwd, { recursive: true });
    const baseResult = await scan({
      ...options,
      paths: relPaths.map((p) => join(dir, p)),
      cwd: baseCwd,
      config
    });
    const headName = new Map([...changes.renamed].map(([to, from]) => [from, to]));
    const asHead = baseResult.findings.map((f) => {
      const basePath = inside(dir, f.absFile) ?? f.absFile;
      const absFile = join(top, headName.get(basePath) ?? basePath);
      const renamed = { ...f, file: display(realRoot, absFile), absFile };
      return { ...renamed, fingerprint: fingerprint(renamed) };
    });
    const { added, fixed } = compareFindings(head.findings, asHead);
    const isNew = new Set(added);
    const changed = /* @__PURE__ */ new Set();
    for (const p of [...changes.changed, ...notInBase]) changed.add(display(realRoot, join(top, p)));
    return {
      ...head,
      findings: head.findings.map((f) => ({ ...f, status: isNew.has(f) ? "new" : "existing" })),
      diff: {
        base: base.ref,
        commit,
        fixed: fixed.map((f) => ({ ...f, status: "fixed" })),
        changed: [...changed].sort()
      }
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
async function writeBase(top, dir, tree, wanted) {
  const entries = [...wanted].flatMap((path) => {
    const entry = tree.get(path);
    return entry?.type === "blob" ? [{ path, entry }] : [];
  });
  const blobs = await readBlobs(top, [...new Set(entries.map((e) => e.entry.oid))], MAX_FILE_BYTES);
  const files = entries.flatMap(({ path, entry }) => {
    const content = blobs.get(entry.oid);
    const target = join(dir, path);
    return content && inside(dir, target) !== void 0 ? [{ target, entry, content }] : [];
  });
  await Promise.all(
    [...new Set(files.map((f) => dirname(f.target)))].map((d) => mkdir(d, { recursive: true }))
  );
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const { target, entry, content } = files[next++];
      if (entry.mode === "120000") await symlink(content.toString("utf8"), target).catch(() => void 0);
      else await writeFile(target, content);
    }
  };
  await Promise.all(Array.from({ length: Math.min(WRITERS, files.length) }, worker));
}
async function isFile(p) {
  return (await stat(p).catch(() => void 0))?.isFile() ?? false;
}
async function isDirectory(p) {
  return (await stat(p).catch(() => void 0))?.isDirectory() ?? false;
}

// src/scan/fail-scope.ts
var FAIL_SCOPES = ["new", "changed-files", "all"];
function judge(findings, failOn, scope, changed) {
  const counted = (f) => scope === "all" || (scope === "new" ? f.status === "new" : changed?.has(f.file) ?? true);
  const reached = failing(findings, failOn);
  return { failed: reached.filter(counted), leftAside: reached.filter((f) => !counted(f)) };
}

export {
  countByStatus,
  escapeMarkdown,
  source_default,
  FORMATS,
  render,
  BaseUnavailableError,
  git,
  compareWithBase,
  FAIL_SCOPES,
  judge
};
