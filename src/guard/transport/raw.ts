// The text a message was received as, kept beside the parsed message so that a message passed on
// unchanged can be written as it came instead of serialized again. Only the guard's own stdout to its
// client writes it (`NdjsonOptions.sendRaw`): what a backend sent (responses to calls, notifications) goes
// on as the backend wrote it. A client's message is never written raw to a backend: the guard checked
// the parsed value, and another parser could read the same text otherwise (duplicate keys).
// A message changed in place after it was parsed must be forgotten (`forgetRaw`): the relay does so for
// every answer but that of a `tools/call` (lists are filtered in place by the policies).

const RAW = new WeakMap<object, string>();

/** Remembers the line `message` was parsed from (without its newline). */
export function rememberRaw(message: object, text: string): void {
  RAW.set(message, text);
}

/** The line `message` was parsed from, if it was parsed from one and not forgotten since. */
export function rawOf(message: object): string | undefined {
  return RAW.get(message);
}

/** `message` may have changed since it was parsed: it is serialized again when sent. */
export function forgetRaw(message: object): void {
  RAW.delete(message);
}
