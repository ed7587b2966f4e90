import type { TFunction } from 'i18next';
import type { ExplanationStep } from './api';

type Citation = { law: { name: string; version: string }; article: string; paragraph?: string };

/** 《中华人民共和国行政处罚法》（2021-01-22）第六十一条第一款 */
export function citationText(c: Citation): string {
  return `《${c.law.name.replace(/^《|》$/g, '')}》（${c.law.version}）${c.article}${c.paragraph ?? ''}`;
}

const yuan = (fen: number) => (fen / 100).toFixed(2);

/** One explanation step in the user's language, from its machine-readable fields (never the server's English). */
export function stepText(t: TFunction, s: ExplanationStep): string {
  const dayKind = (k: string) => t(`legal.explain.dayKinds.${k}`);
  switch (s.kind) {
    case 'rule':
      return t('legal.explain.rule', { citation: citationText(s.citation) });
    case 'start':
      return t('legal.explain.start', { date: s.date, event: s.event ? t(`legal.events.${s.event}`) : '' });
    case 'start_not_counted':
      return t('legal.explain.start_not_counted', { date: s.date, citation: citationText(s.citation) });
    case 'counting':
      return t('legal.explain.counting', {
        count: s.count,
        unit: t(`legal.units.${s.unit}`),
        counting: t(s.counting === 'working' ? 'legal.explain.workingDays' : 'legal.explain.calendarDays'),
        citation: citationText(s.citation),
      });
    case 'skip':
      return t('legal.explain.skip', { date: s.date, why: s.holidayName ? `${dayKind(s.dayKind)}（${s.holidayName}）` : dayKind(s.dayKind) });
    case 'month_end_clamped':
      return t('legal.explain.month_end_clamped', { from: s.from, day: s.day, to: s.to, citation: citationText(s.citation) });
    case 'roll_forward':
      return t('legal.explain.roll_forward', { from: s.from, to: s.to, why: s.holidayName ? `${dayKind(s.reason)}（${s.holidayName}）` : dayKind(s.reason), citation: citationText(s.citation) });
    case 'no_roll_forward':
      return t('legal.explain.no_roll_forward', { date: s.date, why: dayKind(s.dayKind), reason: t(`legal.explain.why.${s.why}`, { defaultValue: t('legal.explain.why.authority_duty') }) });
    case 'calendar_missing':
      return t('legal.explain.calendar_missing', { years: s.years.join('、') });
    case 'extension':
      return t('legal.explain.extension', { from: s.from, count: s.count, unit: t(`legal.units.${s.unit}`), approval: s.needsApproval ? t('legal.explain.approval') : '' });
    case 'due':
      return t(s.meaning === 'earliest_day' ? 'legal.explain.dueEarliest' : 'legal.explain.due', { date: s.date });
    case 'late_fee_days':
      return t('legal.explain.late_fee_days', { from: s.from, to: s.to, days: s.days });
    case 'late_fee_amount':
      return t('legal.explain.late_fee_amount', { principal: yuan(s.principalFen), rate: s.dailyRateBp / 100, days: s.days, fee: yuan(s.feeFen), citation: citationText(s.citation) });
    case 'late_fee_capped':
      return t('legal.explain.late_fee_capped', { uncapped: yuan(s.uncappedFen), cap: yuan(s.capFen), citation: citationText(s.citation) });
    case 'limitation_period':
      return t('legal.explain.limitation_period', { years: s.years, aggravated: s.aggravated ? t('legal.explain.aggravated') : '', from: s.from, lastDay: s.lastDay, citation: citationText(s.citation) });
    case 'limitation_continuing':
      return t('legal.explain.limitation_continuing', { actDate: s.actDate, endDate: s.endDate });
  }
}

export { yuan };
