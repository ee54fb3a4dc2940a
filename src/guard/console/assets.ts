// The console's two static files (its stylesheet and its script), served from `/console/assets/`:
// the pages carry no inline style or script, so the Content-Security-Policy can forbid both. They
// live beside this module in the source (`assets/`) and are copied into `dist/console-assets/` by the
// build; whichever of the two sits next to the running code is used.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { SECURITY_HEADERS } from '../web/http.ts';

/** One static file, ready to serve. */
export interface Asset {
  body: Buffer;
  type: string;
  /** Short content hash: the URL's cache-busting version and the ETag. */
  version: string;
}

/** Where the files are: next to this module (source), or `console-assets/` beside the bundle or its chunk. */
function assetDir(): string {
  const candidates = ['./assets/', './console-assets/', '../console-assets/'];
  for (const c of candidates) {
    const dir = fileURLToPath(new URL(c, import.meta.url));
    if (existsSync(`${dir}console.js`)) return dir;
  }
  throw new Error('mcp-guard: the console assets are missing from this installation (console.js)');
}

/** Loads the console's assets (once, at start-up). */
export function loadAssets(): Map<string, Asset> {
  const dir = assetDir();
  const out = new Map<string, Asset>();
  for (const [name, type] of [
    ['console.js', 'text/javascript; charset=utf-8'],
    ['console.css', 'text/css; charset=utf-8'],
  ] as const) {
    const body = readFileSync(`${dir}${name}`);
    out.set(name, { body, type, version: createHash('sha256').update(body).digest('hex').slice(0, 12) });
  }
  return out;
}

/** Sends an asset (long-cached: its URL carries its version); false when the method is not GET or HEAD. */
export function sendAsset(res: ServerResponse, a: Asset, method: string | undefined): boolean {
  if (method !== 'GET' && method !== 'HEAD') return false;
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': a.type,
    'cache-control': 'public, max-age=86400',
    etag: `"${a.version}"`,
  });
  res.end(method === 'HEAD' ? undefined : a.body);
  return true;
}
