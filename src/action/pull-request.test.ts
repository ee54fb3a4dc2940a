// Which comment is ours: the marker first, and the token's author (a bot when the login is unknown).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MARKER } from './comment.ts';
import { findOurs, isOurs, statusOf } from './pull-request.ts';

const c = (id: number, body: string, login: string, type = 'User') => ({
  id,
  body,
  html_url: `u${id}`,
  user: { login, type },
});

test('a comment is ours only with the marker first and the right author', () => {
  assert.equal(isOurs(c(1, `${MARKER}\nx`, 'github-actions[bot]', 'Bot'), undefined), true);
  assert.equal(isOurs(c(2, `${MARKER}\nx`, 'mallory'), undefined), false, 'a person pasting the marker');
  assert.equal(isOurs(c(3, `> ${MARKER}\nx`, 'github-actions[bot]', 'Bot'), undefined), false);
  assert.equal(isOurs(c(4, 'no marker', 'github-actions[bot]', 'Bot'), undefined), false);
  // A personal token: its login is known, and only that login counts.
  assert.equal(isOurs(c(5, `${MARKER}\nx`, 'ci-user'), 'ci-user'), true);
  assert.equal(isOurs(c(6, `${MARKER}\nx`, 'github-actions[bot]', 'Bot'), 'ci-user'), false);
});

test('among several candidates github-actions[bot] is preferred, else the oldest', () => {
  const list = [
    c(1, `${MARKER}\na`, 'some-app[bot]', 'Bot'),
    c(2, `${MARKER}\nb`, 'github-actions[bot]', 'Bot'),
    c(3, `${MARKER}\nc`, 'github-actions[bot]', 'Bot'),
  ];
  assert.equal(findOurs(list, undefined)?.id, 2);
  assert.equal(findOurs(list.slice(0, 1), undefined)?.id, 1);
  assert.equal(findOurs([], undefined), undefined);
});

test('statusOf reads an Octokit error status and nothing else', () => {
  assert.equal(statusOf(Object.assign(new Error('x'), { status: 403 })), 403);
  assert.equal(statusOf(new Error('x')), undefined);
  assert.equal(statusOf(null), undefined);
});
