// Unit tests of src/ttl.ts (compiled to .test-build by `npm test`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clock, ttlText } from '../.test-build/ttl.js';

const T0 = Date.parse('2026-08-22T16:30:00Z');
const iso = (ms) => new Date(ms).toISOString();
const ready = (over = {}) => ({ state: 'ready', since: iso(T0), ttlSeconds: 300, lastUsedAt: iso(T0 + 10_000), ...over });

test('counts down from the end of the last request', () => {
  assert.equal(ttlText(ready(), 0, T0 + 10_000), 'unloads in 5:00');
  assert.equal(ttlText(ready(), 0, T0 + 10_000 + 28_400), 'unloads in 4:32');
  assert.equal(ttlText(ready(), 0, T0 + 10_000 + 299_999), 'unloads in 0:01');
});

test('time up shows soon, never a negative clock', () => {
  assert.equal(ttlText(ready(), 0, T0 + 10_000 + 300_000), 'unloads soon');
  assert.equal(ttlText(ready(), 0, T0 + 10_000 + 9_000_000), 'unloads soon');
});

test('requests in flight stop the clock', () => {
  assert.equal(ttlText(ready(), 1, T0 + 10_000 + 9_000_000), 'in use');
});

test('ttl 0 (never), unknown ttl and models not ready show nothing', () => {
  assert.equal(ttlText(ready({ ttlSeconds: 0 }), 0, T0), '');
  assert.equal(ttlText(ready({ ttlSeconds: null }), 0, T0), '');
  assert.equal(ttlText(ready({ ttlSeconds: 0 }), 2, T0), '');
  for (const state of ['starting', 'stopping', 'stopped', '']) {
    assert.equal(ttlText(ready({ state }), 0, T0), '', state);
  }
});

test('a model loaded again after its last use counts from when it became ready', () => {
  const reloaded = ready({ since: iso(T0 + 60_000), lastUsedAt: iso(T0) });
  assert.equal(ttlText(reloaded, 0, T0 + 60_000 + 1_000), 'unloads in 4:59');
  const neverUsed = ready({ lastUsedAt: null });
  assert.equal(ttlText(neverUsed, 0, T0 + 100_000), 'unloads in 3:20');
  assert.equal(ttlText(ready({ lastUsedAt: null, since: null }), 0, T0), '');
  assert.equal(ttlText(ready({ lastUsedAt: 'garbage', since: null }), 0, T0), '');
});

test('a host clock ahead of ours does not count up', () => {
  assert.equal(ttlText(ready({ lastUsedAt: iso(T0 + 5_000) }), 0, T0), 'unloads in 5:00');
});

test('clock formats minutes and hours', () => {
  assert.equal(clock(272), '4:32');
  assert.equal(clock(59), '0:59');
  assert.equal(clock(3725), '1:02:05');
  assert.equal(clock(-3), '0:00');
});
