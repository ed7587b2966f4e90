import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ACTIONS,
  SERVICE_ACTIONS,
  SERVICE_STATES,
  availableActions,
  dueFlag,
  locationProblem,
  maskPhone,
  trackingCodeFrom,
  TRACKING_ALPHABET,
  transition,
  type Level,
  type ServiceAction,
  type ServiceState,
  type TransitionContext,
} from './workflow';

const FULL: TransitionContext = { levels: ['desk', 'team', 'public'], reason: '理由', note: '已清理', text: '已处理完毕', teamId: 't1', duplicateOfId: 'r0', satisfaction: 'dissatisfied' };
const at = (state: ServiceState, over: Partial<{ orgUnitId: string | null; suspendedFromState: ServiceState | null; reopenCount: number }> = {}) => ({
  state,
  orgUnitId: 't1',
  suspendedFromState: null,
  reopenCount: 0,
  ...over,
});

test('service flow: every action runs from each of its states for its level and from no other state', () => {
  for (const action of SERVICE_ACTIONS) {
    const spec = ACTIONS[action];
    for (const state of spec.from) {
      const r = transition(at(state, { suspendedFromState: 'handling' }), action, FULL);
      assert.ok(r.ok, `${state} --${action}-->`);
      assert.equal(r.to, spec.to === 'resume' ? 'handling' : spec.to, `${state} --${action}-->`);
      const others = (['desk', 'team', 'public'] as Level[]).filter((l) => !spec.by.includes(l));
      const denied = transition(at(state, { suspendedFromState: 'handling' }), action, { ...FULL, levels: others });
      assert.equal(denied.ok ? 'ok' : denied.code, 'service.not_permitted', `${others.join('+')} may not ${action}`);
    }
    for (const state of SERVICE_STATES.filter((s) => !spec.from.includes(s))) {
      const r = transition(at(state), action, FULL);
      assert.equal(r.ok ? 'ok' : r.code, 'service.wrong_state', `${state} --${action}--> is out of order`);
    }
  }
});

test('service flow: the main path, who may do what, and the required fields', () => {
  const cases: [ServiceState, ServiceAction, TransitionContext, string][] = [
    ['submitted', 'accept', { levels: ['desk'] }, 'dispatched'],
    ['submitted', 'accept', { levels: ['team'] }, 'service.not_permitted'],
    ['dispatched', 'start', { levels: ['team'] }, 'handling'],
    ['dispatched', 'start', { levels: ['desk'] }, 'service.not_permitted'],
    ['handling', 'handle', { levels: ['team'], note: '  ' }, 'service.note_required'],
    ['handling', 'handle', { levels: ['team'], note: '摊位已清理' }, 'handled'],
    ['handled', 'reply', { levels: ['team'] }, 'service.reply_required'],
    ['handled', 'reply', { levels: ['team'], text: '您反映的问题已处理' }, 'replied'],
    ['replied', 'rate', { levels: ['public'], satisfaction: 'satisfied' }, 'closed'],
    ['replied', 'rate', { levels: ['public'] }, 'service.satisfaction_required'],
    ['replied', 'rate', { levels: ['team'], satisfaction: 'satisfied' }, 'service.not_permitted'],
    ['submitted', 'reject', { levels: ['desk'] }, 'service.reason_required'],
    ['submitted', 'reject', { levels: ['desk'], reason: '不属于城管职责' }, 'rejected'],
    ['submitted', 'merge', { levels: ['desk'], reason: '重复' }, 'service.duplicate_required'],
    ['submitted', 'merge', { levels: ['desk'], reason: '重复', duplicateOfId: 'r0' }, 'merged'],
    ['dispatched', 'merge', { levels: ['desk'], reason: '重复', duplicateOfId: 'r0' }, 'service.wrong_state'],
    ['dispatched', 'redispatch', { levels: ['desk'], reason: '不在本队辖区' }, 'service.team_required'],
    ['dispatched', 'redispatch', { levels: ['desk'], reason: '不在本队辖区', teamId: 't2' }, 'dispatched'],
    ['dispatched', 'redispatch', { levels: ['team'], reason: '不在本队辖区', teamId: 't2' }, 'service.not_permitted'],
    ['dispatched', 'return', { levels: ['team'] }, 'service.reason_required'],
    ['dispatched', 'return', { levels: ['team'], reason: '非本队辖区' }, 'submitted'],
    ['handling', 'return', { levels: ['desk'], reason: '需重新受理' }, 'submitted'],
    ['handling', 'suspend', { levels: ['team'] }, 'service.reason_required'],
    ['handling', 'suspend', { levels: ['team'], reason: '等待产权单位' }, 'suspended'],
    ['replied', 'suspend', { levels: ['team'], reason: 'x' }, 'service.wrong_state'],
    ['closed', 'reply', { levels: ['team'], text: 'x' }, 'service.wrong_state'],
  ];
  for (const [state, action, ctx, expected] of cases) {
    const r = transition(at(state), action, ctx);
    assert.equal(r.ok ? r.to : r.code, expected, `${state} --${action}--> by ${ctx.levels.join('+')}`);
  }
});

test('service flow: a report at the city desk is accepted only with a team', () => {
  const desk = at('submitted', { orgUnitId: null });
  assert.equal((transition(desk, 'accept', { levels: ['desk'] }) as { code: string }).code, 'service.team_required');
  assert.deepEqual(transition(desk, 'accept', { levels: ['desk'], teamId: 't9' }), { ok: true, to: 'dispatched' });
});

test('service flow: resume returns to the state the report was suspended from', () => {
  for (const from of ['submitted', 'dispatched', 'handling', 'handled'] as ServiceState[]) {
    assert.deepEqual(transition(at('suspended', { suspendedFromState: from }), 'resume', { levels: ['team'] }), { ok: true, to: from });
  }
  const lost = transition(at('suspended', { suspendedFromState: null }), 'resume', { levels: ['team'] });
  assert.equal(lost.ok ? 'ok' : lost.code, 'service.wrong_state');
});

test('service flow: only 不满意 reopens, and only once', () => {
  const cases: [number, TransitionContext['satisfaction'], string][] = [
    [0, 'dissatisfied', 'dispatched'],
    [0, 'basically_satisfied', 'service.satisfaction_required'],
    [1, 'dissatisfied', 'service.reopen_used'],
  ];
  for (const [reopenCount, satisfaction, expected] of cases) {
    const r = transition(at('replied', { reopenCount }), 'reopen', { levels: ['public'], satisfaction });
    assert.equal(r.ok ? r.to : r.code, expected, `${reopenCount} ${satisfaction}`);
  }
  assert.deepEqual(availableActions(at('replied', { reopenCount: 1 }), ['public']), ['rate']);
  assert.deepEqual(availableActions(at('replied'), ['public']), ['rate', 'reopen']);
});

test('service flow: available actions per level', () => {
  assert.deepEqual(availableActions(at('submitted'), ['desk']), ['accept', 'reject', 'merge', 'suspend']);
  assert.deepEqual(availableActions(at('dispatched'), ['team']), ['return', 'start', 'suspend']);
  assert.deepEqual(availableActions(at('handling'), ['team']), ['return', 'handle', 'suspend']);
  assert.deepEqual(availableActions(at('handled'), ['team']), ['reply', 'suspend']);
  assert.deepEqual(availableActions(at('handled'), []), []);
});

test('due flags: overdue, due soon, none; a suspended report does not turn overdue but stays late', () => {
  const now = new Date('2026-12-08T04:00:00Z');
  const h = (n: number) => new Date(now.getTime() + n * 3600_000);
  const base = { suspendedFromState: null, acceptDueAt: h(10), handleDueAt: h(2), replyDueAt: h(-1) } as const;
  const cases: [ServiceState, ServiceState | null, ReturnType<typeof dueFlag>][] = [
    ['submitted', null, null],
    ['dispatched', null, 'due_soon'],
    ['handling', null, 'due_soon'],
    ['handled', null, 'overdue'],
    ['replied', null, null],
    ['closed', null, null],
    ['suspended', 'handling', null],
  ];
  for (const [state, from, expected] of cases) assert.equal(dueFlag({ ...base, state, suspendedFromState: from }, now), expected, `${state}/${from}`);
  // Suspended two hours ago: the reply clock (due an hour ago) was still running then → not overdue; suspended
  // with the reply already late → stays overdue.
  assert.equal(dueFlag({ ...base, state: 'suspended', suspendedFromState: 'handled', suspendedAt: h(-2) }, now), null);
  assert.equal(dueFlag({ ...base, state: 'suspended', suspendedFromState: 'handled', suspendedAt: h(-0.5) }, now), 'overdue');
  assert.equal(dueFlag({ ...base, state: 'suspended', suspendedFromState: 'dispatched', suspendedAt: h(1) }, now), null, 'never due soon while suspended');
  assert.equal(dueFlag({ ...base, state: 'submitted', acceptDueAt: null }, now), null, 'no due time (no calendar): no flag');
});

test('phone masking, location checks, tracking codes', () => {
  assert.equal(maskPhone('13812341234'), '138****1234');
  assert.equal(maskPhone('02161234567'), '021****4567');
  assert.equal(maskPhone('12345'), '***45');
  assert.equal(maskPhone('110'), '****');
  assert.equal(maskPhone(null), null);
  const loc: [number, number, boolean][] = [
    [31.23, 121.47, true],
    [0, 0, false],
    [51.5, -0.12, false],
    [40.7, -74, false],
    [NaN, 120, false],
    [39.9, 116.4, true],
    [18.25, 109.5, true],
  ];
  for (const [lat, lon, ok] of loc) assert.equal(locationProblem(lat, lon) === null, ok, `${lat},${lon}`);
  const code = trackingCodeFrom(new Uint8Array(24).map((_, i) => i * 37));
  assert.equal(code.length, 12);
  for (const ch of code) assert.ok(TRACKING_ALPHABET.includes(ch));
  assert.ok(!/[01OIL]/.test(TRACKING_ALPHABET));
  assert.equal(trackingCodeFrom(new Uint8Array(12).fill(255)), '', 'bytes above the uniform range are skipped');
});
