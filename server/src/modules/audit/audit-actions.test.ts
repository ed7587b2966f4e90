import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zhCN from '../../../../web/src/shared/i18n/zh-CN';
import { resourceAt, SERVER_SRC, serverSourceFiles, untranslated } from '../../platform/translation-check';
import { ASSESSMENT_ACTIONS, RECTIFICATION_ACTIONS } from '../assessment';
import { ENTITY_OF } from '../ledger';

/**
 * The 审计日志 page names every action and entity type in words (auditLog.actions.<code>, auditLog.entities.<type>
 * in web/src/shared/i18n/audit.*.ts), so no internal code like `tracking.device.reset_auth_code` reaches a user.
 * The codes are read from the server's source: the `action:` and `entityType:` of every file that records audit
 * entries (seed and start-up included: their records are listed too). A code built at run time (a template literal)
 * is expanded from the table below; an unknown placeholder fails the test, so a new one is not silently skipped.
 */

/** What each placeholder of a template-literal code can be. */
const PLACEHOLDERS: Record<string, readonly string[]> = {
  action: ASSESSMENT_ACTIONS,
  'body.action': RECTIFICATION_ACTIONS,
  'ENTITY_OF[ledger]': Object.values(ENTITY_OF),
};

/** Every code a template literal can produce; throws on a placeholder the table does not know. */
function expand(template: string, where: string): string[] {
  const m = /\$\{([^}]+)\}/.exec(template);
  if (!m) return [template];
  const values = PLACEHOLDERS[m[1]!.trim()];
  if (!values) throw new Error(`${where}: unknown placeholder \${${m[1]}} in \`${template}\`; add its values to PLACEHOLDERS`);
  return values.flatMap((v) => expand(template.replace(m[0], v), where));
}

/** The codes after `key:` on one line: quoted literals (also both branches of a ternary) and template literals. */
function codesAfter(key: 'action' | 'entityType', text: string, file: string): Map<string, string> {
  const out = new Map<string, string>();
  const rel = path.relative(SERVER_SRC, file);
  for (const m of text.matchAll(new RegExp(String.raw`\b${key}:([^\n]*)`, 'g'))) {
    // The value ends at the next property of the entry (`, entityType:` …) or the end of the line.
    const value = m[1]!.split(/,\s*[A-Za-z]+:/)[0]!;
    const pattern = key === 'action' ? String.raw`'([a-z_]+(?:\.[a-z_]+)+)'|\`([a-z_.]*\$\{[^\`]+)\`` : String.raw`'([a-z_]+)'|\`([a-z_]*\$\{[^\`]+)\``;
    for (const c of value.matchAll(new RegExp(pattern, 'g'))) {
      for (const code of c[1] ? [c[1]] : expand(c[2]!, rel)) if (!out.has(code)) out.set(code, rel);
    }
  }
  return out;
}

function recordedCodes(key: 'action' | 'entityType'): Map<string, string> {
  const codes = new Map<string, string>();
  for (const file of serverSourceFiles()) {
    const text = fs.readFileSync(file, 'utf8');
    if (!text.includes('recordAudit(') || file.includes(`${path.sep}audit${path.sep}`)) continue;
    for (const [code, where] of codesAfter(key, text, file)) if (!codes.has(code)) codes.set(code, where);
  }
  return codes;
}

test('the scan finds the recorded actions, the built ones expanded', () => {
  const actions = recordedCodes('action');
  assert.ok(actions.size > 70, `only ${actions.size} actions found: the scan is broken`);
  for (const code of ['identity.login', 'tracking.device.reset_auth_code', 'assessment.district_accept', 'assessment.rectification.verify', 'ledger.office.import', 'demo.seed.catalog', 'catalog.node.update', 'catalog.node.create', 'tracking.device.assign']) {
    assert.ok(actions.has(code), `${code} not found by the scan`);
  }
  const entities = recordedCodes('entityType');
  for (const code of ['user', 'login', 'ledger_room', 'tracking_device']) assert.ok(entities.has(code), `${code} not found by the scan`);
});

test('an unknown placeholder in a built code fails loudly', () => {
  assert.throws(() => expand('ledger.${kind}.create', 'x.ts'), /unknown placeholder/);
  assert.deepEqual(expand('assessment.rectification.${body.action}', 'x.ts'), RECTIFICATION_ACTIONS.map((a) => `assessment.rectification.${a}`));
});

test('every recorded audit action has a zh-CN and an English name', () => {
  assert.deepEqual(untranslated('auditLog.actions', recordedCodes('action')), []);
});

test('every recorded entity type has a zh-CN and an English name', () => {
  assert.deepEqual(untranslated('auditLog.entities', recordedCodes('entityType')), []);
});

test('action names in zh-CN are Chinese', () => {
  const english: string[] = [];
  const walk = (node: unknown, key: string) => {
    if (typeof node === 'string') {
      if (!/[\u4e00-\u9fff]/.test(node)) english.push(`${key}: ${node}`);
    } else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, `${key}.${k}`);
  };
  walk(resourceAt(zhCN, 'auditLog.actions'), 'auditLog.actions');
  walk(resourceAt(zhCN, 'auditLog.entities'), 'auditLog.entities');
  assert.deepEqual(english, []);
});
