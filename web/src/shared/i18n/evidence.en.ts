/** Case evidence and body cameras: server error messages (pages come later). Spread into en.ts. */
export const evidenceErrorsEn = {
  case_evidence: {
    not_found: 'Evidence not found',
    step_not_found: 'The case has no such step',
    case_decided: 'The case is decided: its evidence cannot be deleted, only superseded with a reason',
    withdrawn: 'This evidence was already withdrawn',
    superseded: 'This evidence was superseded and stays in the record',
    reason_required: 'Give the reason for superseding',
    clip_not_overlapping: 'The body-camera clip does not overlap the time of the step',
    recording_required: 'This step needs full audio-video recording, and the officers’ body-camera clips do not cover all of its time. Not covered: {{gapsText}}',
    step_time_required: 'This step needs full audio-video recording: give the times the officers started and ended on the spot',
    step_time_invalid: 'The step ends before it starts',
    clip_not_found: 'Clip not found',
    clip_time_invalid: 'A clip must end after it starts',
    camera_not_found: 'Body camera not found or outside your scope',
    not_body_camera: 'The device is not a body camera',
    officer_not_found: 'Officer not found or outside your scope',
    clip_hash_mismatch: 'The uploaded file’s SHA-256 is not the registered one; it was not stored',
  },
};
