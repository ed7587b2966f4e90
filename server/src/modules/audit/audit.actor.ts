import type { AuditActor } from './audit.service';
/** The actor of changes made by the CLI, the seed and start-up, not by a signed-in user. */
export const SYSTEM_ACTOR: AuditActor = { userId: null, displayName: 'system' };
