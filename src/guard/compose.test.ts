// compose: steps run in order and see what the inner ones answered; a throw becomes the answer at the
// step that threw (outer steps see an answer); next() twice and next() after the last step are errors.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compose, type Step } from './compose.ts';
import { errorResponse, type RpcResponse } from './jsonrpc.ts';

const ok = (tag: string): RpcResponse => ({ jsonrpc: '2.0', id: 1, result: { tag } });
const onError = (error: unknown, trail: string[]) => {
  trail.push(`onError:${(error as Error).message}`);
  return errorResponse(1, -32603, (error as Error).message);
};

test('steps run in order around the answer', async () => {
  const run = compose<string[]>(
    [
      async (t, next) => {
        t.push('a in');
        const r = await next();
        t.push(`a out ${r.result?.tag}`);
        return r;
      },
      async (t) => {
        t.push('b answers');
        return ok('b');
      },
    ],
    onError,
  );
  const trail: string[] = [];
  assert.deepEqual(await run(trail), ok('b'));
  assert.deepEqual(trail, ['a in', 'b answers', 'a out b']);
});

test('a throw is answered by onError where it happened; the outer step sees an answer', async () => {
  const seen: RpcResponse[] = [];
  const run = compose<string[]>(
    [
      async (_t, next) => {
        const r = await next();
        seen.push(r);
        return r;
      },
      async () => {
        throw new Error('refused');
      },
    ],
    onError,
  );
  const trail: string[] = [];
  const r = await run(trail);
  assert.equal(r.error?.message, 'refused');
  assert.deepEqual(seen, [r]);
  assert.deepEqual(trail, ['onError:refused']);
});

test('next() twice is an error, and so is next() from the last step', async () => {
  const twice: Step<string[]> = async (_t, next) => {
    await next();
    return next();
  };
  const trail: string[] = [];
  const r = await compose<string[]>([twice, async () => ok('x')], onError)(trail);
  assert.equal(r.error?.message, 'next() called more than once');
  const last = await compose<string[]>([async (_t, next) => next()], onError)([]);
  assert.match(last.error?.message ?? '', /last step called next/);
});

test('plain steps that pass next() on add nothing; their throws and a second next() are still answered where they happen', async () => {
  const seen: RpcResponse[] = [];
  const outer: Step<string[]> = async (_t, next) => {
    const r = await next();
    seen.push(r);
    return r;
  };
  const pass: Step<string[]> = (t, next) => {
    t.push('pass');
    return next();
  };
  const refuse: Step<string[]> = () => {
    throw new Error('refused at once');
  };
  const trail: string[] = [];
  const answered = await compose<string[]>([outer, pass, pass, async () => ok('end')], onError)(trail);
  assert.deepEqual(answered, ok('end'));
  assert.deepEqual(trail, ['pass', 'pass']);
  const refused = await compose<string[]>([outer, pass, refuse, async () => ok('end')], onError)([]);
  assert.equal(refused.error?.message, 'refused at once');
  assert.deepEqual(seen, [answered, refused]);
  const twice: Step<string[]> = (_t, next) => {
    void next();
    return next();
  };
  const again = await compose<string[]>([pass, twice, async () => ok('x')], onError)([]);
  assert.equal(again.error?.message, 'next() called more than once');
  const last = await compose<string[]>([pass, (_t, next) => next()], onError)([]);
  assert.match(last.error?.message ?? '', /last step called next/);
});
