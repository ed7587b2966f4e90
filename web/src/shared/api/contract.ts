/**
 * Types of the API contract, read from the generated `schema.d.ts` (npm run gen:api: the server's route schemas →
 * openapi.json → openapi-typescript). Module api.ts files alias these instead of writing DTOs by hand, so a
 * field the server renames or drops fails the web typecheck instead of silently showing nothing.
 *
 *   type Detail = Ok<'/api/assessment/assessments/{id}', 'get'>;   // the JSON of the 2xx answer
 *   type Save = Body<'/api/assessment/assessments/{id}/items/{code}', 'patch'>;   // the JSON request body
 */
import type { components, paths } from './schema';

export type { components, paths };
export type Path = keyof paths;
export type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';

type Operation<P extends Path, M extends Method> = NonNullable<paths[P][M]>;
type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;

/** The JSON body of the operation's success answer (200, else 201, else 202). */
export type Ok<P extends Path, M extends Method> =
  Operation<P, M> extends { responses: infer R }
    ? R extends { 200: infer A }
      ? JsonOf<A>
      : R extends { 201: infer A }
        ? JsonOf<A>
        : R extends { 202: infer A }
          ? JsonOf<A>
          : never
    : never;

/** The JSON request body of the operation. */
export type Body<P extends Path, M extends Method> = Operation<P, M> extends { requestBody?: infer B } ? JsonOf<NonNullable<B>> : never;

/** The query parameters of the operation. */
export type QueryOf<P extends Path, M extends Method> = Operation<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

/** A shared schema the server registers by `$id` (ErrorBody, Me, UserRow, OrgUnit). */
export type Schema<N extends keyof components['schemas']> = components['schemas'][N];

/** The element type of an array type. */
export type ItemOf<A> = A extends readonly (infer T)[] ? T : never;
