export { campaign, assessment, assessmentItem, assessmentEvent, evidenceFile, rectificationTask } from './assessment.tables';
export { createAssessmentService, gradeTeamItems, teamItems, shanghaiDay, resultOfComputed, type AssessmentService, type ComputedItemEvaluator, type ComputedOutcome, type ComputedRecord } from './assessment.service';
export { assessmentRoutes } from './assessment.routes';
export { assessmentRepository } from './assessment.repository';
export { repairStoredScores } from './assessment.repair';
export { gradeAssessment, itemScore, ruleScore, scoreProblem, type GradeResult, type GradingRule, type ScoredItem, type ItemResult, type Grade } from './domain/scoring';
export { answerMap, appliesToTeams, gradeTeam, teamCatalog, teamScoredItems, type GradingNode, type ItemAnswer, type TeamCatalog, type TeamItem } from './domain/team-scoring';
export { isOverdue, ASSESSMENT_ACTIONS, RECTIFICATION_ACTIONS, type RectificationState } from './domain/workflow';
export { levelsFor } from './assessment.policy';
