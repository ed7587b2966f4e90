import { Tag } from 'antd';
import type { TFunction } from 'i18next';

/**
 * An assessment's status and grade as tags: the assessment pages show them, and so does the progress dashboard,
 * so they live here (the assessment module's labels re-export them).
 */
const STATE_COLORS: Record<string, string> = { draft: 'default', submitted: 'processing', district_reviewed: 'purple', accepted: 'success' };
const GRADE_COLORS: Record<string, string> = { pass: 'green', basic_pass: 'gold', fail: 'red' };

export function StateTag({ t, status }: { t: TFunction; status: string }) {
  return (
    <Tag color={STATE_COLORS[status] ?? 'default'} data-status={status}>
      {t(`assessment.states.${status}`, { defaultValue: status })}
    </Tag>
  );
}

export function GradeTag({ t, grade, provisional }: { t: TFunction; grade: string | null; provisional?: boolean }) {
  if (!grade) return <span>—</span>;
  return (
    <Tag color={GRADE_COLORS[grade] ?? 'default'} data-grade={grade} variant={provisional ? 'outlined' : undefined}>
      {t(`assessment.grades.${grade}`, { defaultValue: grade })}
    </Tag>
  );
}
