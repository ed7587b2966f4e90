// The status and grade tags are shared (the progress dashboard shows them too); re-exported for this module's pages.
export { GradeTag, StateTag } from '../../shared/ui/GradeTag';

export const RESULT_COLORS: Record<string, string> = { compliant: 'green', partially_compliant: 'gold', non_compliant: 'red', not_applicable: 'default' };
