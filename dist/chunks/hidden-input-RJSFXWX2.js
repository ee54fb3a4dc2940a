import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  UsageError
} from "./chunk-HLX4HN2K.js";
import "./chunk-3FEQ3C2E.js";

// src/cli/hidden-input.ts
import { StringDecoder } from "node:string_decoder";
function readHiddenLine(prompt, input = process.stdin, output = process.stderr) {
  output.write(prompt);
  input.setRawMode?.(true);
  input.resume();
  return new Promise((resolve, reject) => {
    let line = "";
    let inEscape = "no";
    const decoder = new StringDecoder("utf8");
    const finish = (error) => {
      input.off("data", onData);
      input.setRawMode?.(false);
      input.pause();
      output.write("\n");
      if (error) reject(error);
      else resolve(line);
    };
    const onData = (chunk) => {
      const text = typeof chunk === "string" ? chunk : decoder.write(chunk);
      for (const ch of text) {
        if (inEscape === "start") {
          inEscape = ch === "[" ? "csi" : "no";
          continue;
        }
        if (inEscape === "csi") {
          if (ch >= "@" && ch <= "~") inEscape = "no";
          continue;
        }
        if (ch === "\x1B") {
          inEscape = "start";
          continue;
        }
        if (ch === "\r" || ch === "\n") return finish();
        if (ch === "") return finish(new UsageError("cancelled"));
        if (ch === "") {
          if (line === "") return finish(new UsageError("cancelled"));
          continue;
        }
        if (ch === "\x7F" || ch === "\b") {
          line = Array.from(line).slice(0, -1).join("");
          continue;
        }
        if (ch < " ") continue;
        line += ch;
      }
    };
    input.on("data", onData);
  });
}
export {
  readHiddenLine
};
