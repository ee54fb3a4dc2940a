// The `_meta` keys that carry a credential for the guard. They are taken out of every message
// before it is forwarded: the backend never sees the client's credential.

/** `_meta` keys the guard consumes, in the order they are looked at. */
export const CREDENTIAL_KEYS = ['api_key', 'token', 'authorization'] as const;

/**
 * Returns `params` without the credential keys in its `_meta` (a copy only when something was removed)
 * and the credential presented. A non-string credential is returned as '' so that it fails verification.
 */
export function takeCredential(params: Record<string, unknown> | undefined): {
  params: Record<string, unknown> | undefined;
  credential?: string;
} {
  const meta = params?._meta;
  if (!params || meta === null || typeof meta !== 'object' || Array.isArray(meta)) return { params };
  const found = CREDENTIAL_KEYS.filter((k) => Object.hasOwn(meta, k));
  if (found.length === 0) return { params };
  const rest: Record<string, unknown> = { ...(meta as Record<string, unknown>) };
  const value = rest[found[0]];
  for (const k of found) delete rest[k];
  const out: Record<string, unknown> = { ...params };
  if (Object.keys(rest).length === 0) delete out._meta;
  else out._meta = rest;
  return { params: out, credential: typeof value === 'string' ? value : '' };
}
