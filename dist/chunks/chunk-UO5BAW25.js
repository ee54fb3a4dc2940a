import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  GENESIS,
  recordHash
} from "./chunk-R4QOK6IO.js";

// src/guard/audit/verify.ts
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
async function verifyAuditLog(path) {
  const stream = createReadStream(path, { encoding: "utf8" });
  const opened = new Promise((resolve, reject) => {
    stream.once("open", () => resolve());
    stream.once("error", reject);
  });
  await opened;
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  let prev = GENESIS;
  let expectedSeq = 1;
  let i = 0;
  const open = /* @__PURE__ */ new Map();
  let unknown = 0;
  const calls = () => ({
    ...open.size > 0 ? { unfinished: [...open.values()] } : {},
    ...unknown > 0 ? { unknown } : {}
  });
  try {
    for await (const line of lines) {
      const broken = (reason, seq2) => ({
        ok: false,
        records: i,
        firstBroken: { line: i + 1, ...seq2 !== void 0 ? { seq: seq2 } : {}, reason },
        ...calls()
      });
      let record;
      try {
        record = JSON.parse(line);
      } catch {
        return broken("not a JSON record");
      }
      if (!record || typeof record !== "object") return broken("not a JSON record");
      const seq = Number.isInteger(record.seq) ? record.seq : void 0;
      if (recordHash(record) !== record.hash) return broken("content does not match its hash (edited)", seq);
      if (record.seq !== expectedSeq)
        return broken(
          `seq ${record.seq} where ${expectedSeq} was expected (a record is missing or moved)`,
          seq
        );
      if (record.prev !== prev) return broken("prev does not match the previous record (chain broken)", seq);
      prev = record.hash;
      expectedSeq++;
      i++;
      if (typeof record.call === "string") {
        if (record.decision === "forward")
          open.set(record.call, { line: i, seq: record.seq, tool: record.tool, id: record.id });
        else {
          open.delete(record.call);
          if (record.decision === "unknown") unknown++;
        }
      }
    }
  } finally {
    lines.close();
    stream.destroy();
  }
  return { ok: true, records: i, ...calls() };
}

export {
  verifyAuditLog
};
