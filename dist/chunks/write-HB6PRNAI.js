import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);
import "./chunk-3FEQ3C2E.js";

// src/wrap/write.ts
import { constants } from "node:fs";
import { chmod, copyFile, mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
async function writeWrap(result, now = /* @__PURE__ */ new Date()) {
  const backups = [];
  if (result.guardAfter !== (result.guardBefore ?? "")) {
    if (result.guardBefore === void 0) {
      await mkdir(dirname(result.guardFile), { recursive: true });
      await writeFile(result.guardFile, result.guardAfter, { mode: 384, flag: "wx" });
    } else {
      backups.push(await backup(result.guardFile, now));
      await writeFile(result.guardFile, result.guardAfter);
      await chmod(result.guardFile, 384);
    }
  }
  if (result.clientAfter !== result.clientBefore) {
    backups.push(await backup(result.clientFile, now));
    await writeFile(result.clientFile, result.clientAfter);
  }
  return { guardFile: result.guardFile, clientFile: result.clientFile, backups };
}
async function backup(file, now) {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  const candidates = [`${file}.bak`, `${file}.${stamp}.bak`];
  for (let i = 2; i <= 100; i++) candidates.push(`${file}.${stamp}-${i}.bak`);
  for (const target of candidates) {
    try {
      await copyFile(file, target, constants.COPYFILE_EXCL);
      await chmod(target, 384);
      return target;
    } catch (error) {
      if (error.code !== "EEXIST") throw error;
    }
  }
  throw new Error(`cannot find a free backup name for ${file}`);
}
export {
  backup,
  writeWrap
};
