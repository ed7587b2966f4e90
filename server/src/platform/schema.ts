import { Type, type TSchema } from 'typebox';

/** Request/response schema building blocks shared by the modules' `*.schemas.ts`. */
export const Uuid = Type.String({ format: 'uuid' });
export const DateTime = Type.String({ format: 'date-time', description: 'ISO 8601' });
/** A non-empty string of at most `max` characters. */
export const Str = (max: number) => Type.String({ minLength: 1, maxLength: max });
export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
/** Optional and nullable: absent leaves the field as it is, null clears it. */
export const Opt = <T extends TSchema>(t: T) => Type.Optional(Nullable(t));
export const Enum = <T extends string>(values: readonly T[]) => Type.Unsafe<T>(Type.String({ enum: [...values] }));
