import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import {
  GENESIS,
  recordHash
} from "./chunk-NXYKEGLX.js";

// src/guard/audit/verify.ts
import { readFile } from "node:fs/promises";
async function verifyAuditLog(path) {
  const lines = (await readFile(path, "utf8")).split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  let prev = GENESIS;
  let expectedSeq = 1;
  const open = /* @__PURE__ */ new Map();
  let unknown = 0;
  const calls = () => ({
    ...open.size > 0 ? { unfinished: [...open.values()] } : {},
    ...unknown > 0 ? { unknown } : {}
  });
  for (let i = 0; i < lines.length; i++) {
    const broken = (reason, seq2) => ({
      ok: false,
      records: i,
      firstBroken: { line: i + 1, ...seq2 !== void 0 ? { seq: seq2 } : {}, reason },
      ...calls()
    });
    let record;
    try {
      record = JSON.parse(lines[i]);
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
    if (typeof record.call === "string") {
      if (record.decision === "forward")
        open.set(record.call, { line: i + 1, seq: record.seq, tool: record.tool, id: record.id });
      else {
        open.delete(record.call);
        if (record.decision === "unknown") unknown++;
      }
    }
  }
  return { ok: true, records: lines.length, ...calls() };
}

export {
  verifyAuditLog
};
