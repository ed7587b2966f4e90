import type { Actor } from '../../platform/permissions';
import type { RuleOrigin } from './domain';

/** The rule set and the calendar are city-wide: anyone with legal.read reads them, legal.manage maintains them. */
export const canManageLegal = (actor: Actor): boolean => actor.permissions.has('legal.manage');

/**
 * Which rules an administrator may change in a draft. National rules are quoted from the verified statute texts
 * and stay as shipped; rules from the ministerial orders (住建部令, no verified text) and local rules stay editable.
 */
export const ruleEditable = (origin: RuleOrigin): boolean => origin !== 'national';
/** Only a bureau's own (local) rules can be removed from a draft; the shipped ones can be corrected, not dropped. */
export const ruleDeletable = (origin: RuleOrigin): boolean => origin === 'local';
