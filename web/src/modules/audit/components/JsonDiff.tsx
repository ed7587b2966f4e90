import type { CSSProperties } from 'react';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

type Json = unknown;

function isPlainObject(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function show(v: Json): string {
  if (v === undefined) return '';
  return JSON.stringify(v, null, 2) ?? '';
}

const cell: CSSProperties = {
  fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
  fontSize: 12,
  whiteSpace: 'pre-wrap',
  wordBreak: 'break-all',
  padding: '2px 8px',
  verticalAlign: 'top',
  borderBottom: '1px solid #f0f0f0',
};

/**
 * Before / after side by side, one line per top-level key; changed keys are highlighted.
 * Non-object values (or a missing side) are shown whole.
 */
export function JsonDiff({ before, after }: { before: Json; after: Json }) {
  const { t } = useTranslation();
  const objects = (isPlainObject(before) || before == null) && (isPlainObject(after) || after == null);
  if (!objects) {
    return (
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 12 }}>
        <pre style={{ ...cell, background: '#fff1f0' }}>{show(before)}</pre>
        <pre style={{ ...cell, background: '#f6ffed' }}>{show(after)}</pre>
      </div>
    );
  }
  const b = (before ?? {}) as Record<string, Json>;
  const a = (after ?? {}) as Record<string, Json>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return (
    <table style={{ width: '100%', borderCollapse: 'collapse', tableLayout: 'fixed' }} data-testid="audit-diff">
      <colgroup>
        <col style={{ width: 160 }} />
        <col />
        <col />
      </colgroup>
      <thead>
        <tr>
          <th style={{ ...cell, textAlign: 'left' }} />
          <th style={{ ...cell, textAlign: 'left' }}>
            <Typography.Text type="secondary">{t('audit.before')}</Typography.Text>
          </th>
          <th style={{ ...cell, textAlign: 'left' }}>
            <Typography.Text type="secondary">{t('audit.after')}</Typography.Text>
          </th>
        </tr>
      </thead>
      <tbody>
        {keys.map((k) => {
          const bv = show(b[k]);
          const av = show(a[k]);
          const changed = bv !== av;
          return (
            <tr key={k}>
              <td style={{ ...cell, fontWeight: changed ? 600 : 400 }}>{k}</td>
              <td style={{ ...cell, background: changed && k in b ? '#fff1f0' : undefined }}>{bv}</td>
              <td style={{ ...cell, background: changed && k in a ? '#f6ffed' : undefined }}>{av}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
