import { and, asc, desc, eq, max, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { legalCalendarDay, legalCalendarYear, legalRule, legalRuleSetVersion } from './legal.tables';

export type RuleSetVersionRow = typeof legalRuleSetVersion.$inferSelect;
export type RuleRow = typeof legalRule.$inferSelect;
export type NewRuleRow = typeof legalRule.$inferInsert;
export type CalendarYearRow = typeof legalCalendarYear.$inferSelect;
export type CalendarDayRow = typeof legalCalendarDay.$inferSelect;

export const legalRepository = {
  listVersions: (tx: DbOrTx) => tx.select().from(legalRuleSetVersion).orderBy(desc(legalRuleSetVersion.createdAt)),
  async findVersion(tx: DbOrTx, id: string) {
    return (await tx.select().from(legalRuleSetVersion).where(eq(legalRuleSetVersion.id, id)))[0];
  },
  async findVersionByLabel(tx: DbOrTx, label: string) {
    return (await tx.select().from(legalRuleSetVersion).where(eq(legalRuleSetVersion.label, label)))[0];
  },
  async publishedVersion(tx: DbOrTx) {
    return (await tx.select().from(legalRuleSetVersion).where(eq(legalRuleSetVersion.status, 'published')))[0];
  },
  async draftVersion(tx: DbOrTx) {
    return (await tx.select().from(legalRuleSetVersion).where(eq(legalRuleSetVersion.status, 'draft')).orderBy(desc(legalRuleSetVersion.createdAt)).limit(1))[0];
  },
  /** Serialises writers of the rule set (draft creation, edits, publishing) across connections and instances. */
  async lockRuleSet(tx: DbOrTx) {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('legal_rule_set'))`);
  },
  async lockCalendar(tx: DbOrTx) {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('legal_calendar'))`);
  },
  async insertVersion(tx: DbOrTx, row: RuleSetVersionRow) {
    await tx.insert(legalRuleSetVersion).values(row);
  },
  async updateVersion(tx: DbOrTx, id: string, patch: Partial<RuleSetVersionRow>) {
    return (await tx.update(legalRuleSetVersion).set(patch).where(eq(legalRuleSetVersion.id, id)).returning())[0];
  },
  async deleteVersion(tx: DbOrTx, id: string) {
    await tx.delete(legalRuleSetVersion).where(eq(legalRuleSetVersion.id, id));
  },
  rulesOf: (tx: DbOrTx, versionId: string) => tx.select().from(legalRule).where(eq(legalRule.versionId, versionId)).orderBy(asc(legalRule.ordinal)),
  async ruleCounts(tx: DbOrTx) {
    return tx.select({ versionId: legalRule.versionId, n: sql<number>`count(*)::int`, local: sql<number>`count(*) filter (where ${legalRule.origin} = 'local')::int` }).from(legalRule).groupBy(legalRule.versionId);
  },
  async findRule(tx: DbOrTx, versionId: string, ruleId: string) {
    return (await tx.select().from(legalRule).where(and(eq(legalRule.versionId, versionId), eq(legalRule.ruleId, ruleId))))[0];
  },
  async insertRules(tx: DbOrTx, rows: NewRuleRow[]) {
    for (let i = 0; i < rows.length; i += 200) await tx.insert(legalRule).values(rows.slice(i, i + 200));
  },
  async updateRule(tx: DbOrTx, id: string, patch: Partial<NewRuleRow>) {
    return (await tx.update(legalRule).set(patch).where(eq(legalRule.id, id)).returning())[0];
  },
  async deleteRule(tx: DbOrTx, id: string) {
    await tx.delete(legalRule).where(eq(legalRule.id, id));
  },
  async deleteRulesOf(tx: DbOrTx, versionId: string) {
    await tx.delete(legalRule).where(eq(legalRule.versionId, versionId));
  },

  listYears: (tx: DbOrTx) => tx.select().from(legalCalendarYear).orderBy(asc(legalCalendarYear.year)),
  async findYear(tx: DbOrTx, year: number) {
    return (await tx.select().from(legalCalendarYear).where(eq(legalCalendarYear.year, year)))[0];
  },
  allDays: (tx: DbOrTx) => tx.select().from(legalCalendarDay).orderBy(asc(legalCalendarDay.day)),
  daysOf: (tx: DbOrTx, year: number) => tx.select().from(legalCalendarDay).where(eq(legalCalendarDay.year, year)).orderBy(asc(legalCalendarDay.day)),
  async insertYear(tx: DbOrTx, row: CalendarYearRow) {
    await tx.insert(legalCalendarYear).values(row);
  },
  async updateYear(tx: DbOrTx, year: number, patch: Partial<CalendarYearRow>) {
    return (await tx.update(legalCalendarYear).set(patch).where(eq(legalCalendarYear.year, year)).returning())[0];
  },
  async replaceDays(tx: DbOrTx, year: number, days: CalendarDayRow[]) {
    await tx.delete(legalCalendarDay).where(eq(legalCalendarDay.year, year));
    if (days.length) await tx.insert(legalCalendarDay).values(days);
  },
  /**
   * What the cached rules and calendar depend on: the published version and the calendar's last change. Cheap
   * (two index-only aggregates), so another instance's publish or calendar change is seen within the cache's
   * revalidation interval.
   */
  async stamp(tx: DbOrTx): Promise<string> {
    const [v] = await tx.select({ id: legalRuleSetVersion.id }).from(legalRuleSetVersion).where(eq(legalRuleSetVersion.status, 'published'));
    // Every write of a year bumps its version: the sum changes even when two writes share a timestamp.
    const [c] = await tx.select({ at: max(legalCalendarYear.updatedAt), n: sql<number>`count(*)::int`, versions: sql<number>`coalesce(sum(${legalCalendarYear.version}), 0)::int` }).from(legalCalendarYear);
    return `${v?.id ?? '-'}|${c?.at?.toISOString() ?? '-'}|${c?.n ?? 0}|${c?.versions ?? 0}`;
  },
};
