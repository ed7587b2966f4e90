import { Type } from 'typebox';
import { DateTime, Enum, Nullable, Uuid } from '../../platform/schema';
import { BOARD_FLAGS, BOARD_STAGES } from './domain/board';

/** 期限预警 of 便民服务: open reports in scope with their stage, due time, working minutes left and flag. */

export const BoardQuery = Type.Object(
  {
    teamId: Type.Optional(Type.Union([Uuid, Type.Literal('desk')], { description: "a team (its subtree) or 'desk' (the city desk's unrouted reports)" })),
    categoryId: Type.Optional(Uuid),
    flag: Type.Optional(Enum(BOARD_FLAGS)),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    offset: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);

const FlagCounts = Type.Object({
  overdue: Type.Integer(),
  due_soon: Type.Integer(),
  on_time: Type.Integer(),
  suspended: Type.Integer(),
  unknown: Type.Integer(),
  total: Type.Integer(),
});

export const BoardItem = Type.Object({
  id: Uuid,
  trackingCode: Type.String(),
  source: Type.String(),
  state: Type.String(),
  stage: Nullable(Enum(BOARD_STAGES)),
  categoryId: Uuid,
  categoryCode: Type.String(),
  categoryName: Type.String(),
  orgUnitId: Nullable(Uuid),
  unitName: Nullable(Type.String({ description: 'null: at the city desk' })),
  submittedAt: DateTime,
  dueAt: Nullable(DateTime),
  limitHours: Nullable(Type.Integer({ description: "the stage's limit, working hours from the submission" })),
  remainingMinutes: Nullable(Type.Integer({ description: 'working minutes to the due time (negative: late); for a suspended report, frozen at its suspension; null: could not be counted (calendar missing)' })),
  flag: Enum(BOARD_FLAGS),
  suspendedAt: Nullable(DateTime),
  address: Nullable(Type.String()),
  description: Type.String({ description: 'the first 120 characters' }),
  isDemo: Type.Boolean(),
});

export const BoardView = Type.Object({
  now: DateTime,
  /** The share of a stage's limit left at which a report is due soon (0.25). */
  dueSoonShare: Type.Number(),
  /** Per flag over every row of the filters (team, category), whatever part this page holds. */
  counts: FlagCounts,
  /** Per team in scope (category filter only); teamId null = the city desk. */
  teams: Type.Array(Type.Object({ teamId: Nullable(Uuid), teamName: Nullable(Type.String()), ...FlagCounts.properties })),
  items: Type.Array(BoardItem),
  /** Rows of the filters including the flag (the size of the list being paged). */
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
  /** Years without a holiday calendar met while counting (remaining time unknown for some rows). */
  calendarMissing: Type.Array(Type.Integer()),
});
