export { campaign, assessment, assessmentItem, assessmentEvent, evidenceFile, rectificationTask } from './assessment.tables';
export { createAssessmentService, scoredItems, teamItems, shanghaiDay, resultOfComputed, type AssessmentService, type ComputedItemEvaluator, type ComputedOutcome, type ComputedRecord } from './assessment.service';
export { assessmentRoutes } from './assessment.routes';
export { assessmentRepository } from './assessment.repository';
export { gradeAssessment, type GradeResult, type ScoredItem, type ItemResult, type Grade } from './domain/scoring';
export { levelsFor } from './assessment.policy';
