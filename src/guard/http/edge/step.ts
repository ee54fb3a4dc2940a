// The HTTP edge as a list of named steps (after Hono's middleware, without the `next`): each looks at
// the request and goes on, answers it itself (an endpoint such as /metrics), or refuses it with a
// named refusal that `refusals.ts` turns into the status and the JSON-RPC error. `runEdge` runs them in
// order; what passes every step (a principal, a parsed body) goes to the endpoint's handler.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Principal } from '../../auth/principal.ts';
import { type Refusal, refuse } from '../refusals.ts';

/** One request as it crosses the edge; steps fill in what they establish. */
export interface EdgeRequest {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  /** The URL's path. */
  readonly path: string;
  /** The parsed URL; undefined when the request named the MCP endpoint exactly (no query to look at). */
  readonly url: URL | undefined;
  /** Who is calling, once the auth step has passed. */
  principal?: Principal;
  /** The body's text, once read (POST). */
  text?: string;
  /** The parsed body (POST). */
  body?: unknown;
}

/** A step that answered the request itself: nothing further runs. */
export const ANSWERED = Symbol('answered');

/** What a step decided: go on (undefined), answered, or refused. */
export type StepOutcome = undefined | typeof ANSWERED | Refusal;

/** A named step of the edge. */
export interface EdgeStep {
  readonly name: string;
  run(r: EdgeRequest): StepOutcome | Promise<StepOutcome>;
}

/**
 * Runs the steps in order: true when every one let the request through, false once one answered or
 * refused it (the refusal sent). A step that needs no I/O costs no promise.
 */
export async function runEdge(steps: readonly EdgeStep[], r: EdgeRequest): Promise<boolean> {
  for (const step of steps) {
    let outcome = step.run(r);
    if (outcome instanceof Promise) outcome = await outcome;
    if (outcome === undefined) continue;
    if (outcome !== ANSWERED) refuse(r.res, bodyUnread(r) ? closing(outcome) : outcome);
    return false;
  }
  return true;
}

/** True for a POST whose body was not read (yet): its connection must not be kept. */
function bodyUnread(r: EdgeRequest): boolean {
  return r.text === undefined && r.req.method === 'POST';
}

/**
 * The refusal with `connection: close`: a client still sending (or trickling) a body gets its answer
 * and no more of the guard's time.
 */
function closing(refusal: Refusal): Refusal {
  return { ...refusal, headers: { ...refusal.headers, connection: 'close' } };
}
