import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLiveHub, type LiveEvent, type LiveSubscriber } from './tracking.live';

function subscriber(path: string): LiveSubscriber & { got: Array<[LiveEvent, unknown]> } {
  const got: Array<[LiveEvent, unknown]> = [];
  return { path, got, send: (e, d) => (got.push([e, d]), true), close: () => undefined };
}

test('wants: true exactly when a subscriber would receive an event of the unit (its path is a prefix)', () => {
  const hub = createLiveHub();
  assert.equal(hub.wants('/city/zh/'), false, 'nobody subscribed');
  const zh = subscriber('/city/zh/');
  const off = hub.subscribe(zh);
  const cases: Array<[string, boolean]> = [
    ['/city/zh/', true],
    ['/city/zh/team1/', true],
    ['/city/xs/team1/', false],
    ['/city/', false],
  ];
  for (const [path, want] of cases) {
    assert.equal(hub.wants(path), want, path);
    hub.publish(path, 'position', { path });
  }
  // wants and publish agree: the subscriber received the events wants said it would, and only those.
  assert.deepEqual(
    zh.got.map(([, d]) => (d as { path: string }).path),
    cases.filter(([, w]) => w).map(([p]) => p),
  );
  off();
  assert.equal(hub.wants('/city/zh/team1/'), false, 'after unsubscribing');
});
