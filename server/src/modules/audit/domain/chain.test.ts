import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalJson, chainStart, hashRecord, normalizeForStorage, verifyPage, type ChainedFields } from './chain';

function chain(n: number): (ChainedFields & { hash: string })[] {
  const out: (ChainedFields & { hash: string })[] = [];
  let prev = chainStart.prevHash;
  for (let i = 1; i <= n; i++) {
    const r: ChainedFields = {
      seq: i,
      at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
      actorId: null,
      actorName: 'system',
      action: 'org.unit.update',
      entityType: 'org_unit',
      entityId: `u${i}`,
      orgUnitId: null,
      before: { name: `a${i}` },
      after: { name: `b${i}`, nested: { z: 1, a: [1, 2] } },
      prevHash: prev,
    };
    const hash = hashRecord(r);
    out.push({ ...r, hash });
    prev = hash;
  }
  return out;
}

test('canonicalJson sorts keys at every level and drops undefined', () => {
  const cases: [unknown, string][] = [
    [{ b: 1, a: 2 }, '{"a":2,"b":1}'],
    [{ z: { y: 1, x: [{ d: 1, c: 2 }] } }, '{"z":{"x":[{"c":2,"d":1}],"y":1}}'],
    [{ a: undefined, b: null }, '{"b":null}'],
    [new Date('2026-01-02T03:04:05.006Z'), '"2026-01-02T03:04:05.006Z"'],
    ['中文', '"中文"'],
  ];
  for (const [input, expected] of cases) assert.equal(canonicalJson(input), expected);
});

test('normalizeForStorage gives what jsonb reads back', () => {
  assert.deepEqual(normalizeForStorage({ at: new Date('2026-01-01T00:00:00Z'), x: undefined }), { at: '2026-01-01T00:00:00.000Z' });
  assert.equal(normalizeForStorage(undefined), null);
});

test('an intact chain verifies and the cursor moves to its end', () => {
  const records = chain(5);
  const r = verifyPage(records, chainStart);
  assert.equal(r.ok, true);
  if (r.ok) assert.deepEqual(r.cursor, { nextSeq: 6, prevHash: records[4]!.hash });
});

test('verification across pages equals verification in one go', () => {
  const records = chain(6);
  const first = verifyPage(records.slice(0, 3), chainStart);
  assert.equal(first.ok, true);
  if (!first.ok) return;
  assert.equal(verifyPage(records.slice(3), first.cursor).ok, true);
});

test('tampering is found at the first broken record', () => {
  const cases: { name: string; mutate: (rs: (ChainedFields & { hash: string })[]) => void; seq: number; reason: string }[] = [
    { name: 'changed payload', mutate: (rs) => (rs[2]!.after = { name: 'forged' }), seq: 3, reason: 'hash_mismatch' },
    { name: 'changed actor', mutate: (rs) => (rs[1]!.actorName = 'someone else'), seq: 2, reason: 'hash_mismatch' },
    { name: 'deleted record', mutate: (rs) => rs.splice(3, 1), seq: 5, reason: 'sequence_gap' },
    {
      name: 'rehashed record (chain link breaks at the next one)',
      mutate: (rs) => {
        rs[1]!.after = { name: 'forged' };
        rs[1]!.hash = hashRecord(rs[1]!);
      },
      seq: 3,
      reason: 'prev_hash_mismatch',
    },
    { name: 'changed time', mutate: (rs) => (rs[0]!.at = new Date(0)), seq: 1, reason: 'hash_mismatch' },
  ];
  for (const c of cases) {
    const rs = chain(6);
    c.mutate(rs);
    const r = verifyPage(rs, chainStart);
    assert.equal(r.ok, false, c.name);
    if (!r.ok) {
      assert.equal(r.broken.seq, c.seq, c.name);
      assert.equal(r.broken.reason, c.reason, c.name);
    }
  }
});
