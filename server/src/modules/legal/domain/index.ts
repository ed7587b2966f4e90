/**
 * The legal core (pure): rule set as data, working-day calendar, deadline engine. Other modules reach it
 * through the legal module's index.ts, which re-exports this file.
 */
export type * from './types';
