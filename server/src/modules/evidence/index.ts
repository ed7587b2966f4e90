/** The evidence module's public surface (案件证据 with their chain of custody; 执法记录仪 clip rules). */
export { caseEvidence, caseEvidenceCustody } from './evidence.tables';
export { createEvidenceService, MAX_CASE_EVIDENCE_BYTES, type EvidenceService } from './evidence.service';
export { evidenceRoutes } from './evidence.routes';
export { bodyCamClip, caseStepClip } from './evidence.tables';
export { createClipService, clipsCovering, MAX_CLIP_BYTES, type ClipService } from './clips.service';
export { EVIDENCE_KINDS, EVIDENCE_KIND_ITEM, EVIDENCE_LAW, CUSTODY_ACTIONS, isDecided, type EvidenceKind, type CustodyAction } from './domain/kinds';
export { readExif, type ExifFacts } from './domain/exif';
export { coveringClipProblem, clipsForStep, linkProblem, overlaps, stepSpanOf, requiresRecording, uncovered, RECORDED_ACTIONS, type ClipSpan, type StepSpan, type Problem } from './domain/clips';
export { clipStepHook } from './clips.hook';
