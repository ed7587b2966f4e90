import type { FastifyReply } from 'fastify';
import type { Static, TSchema } from 'typebox';

/**
 * Large list answers (the org units: 236 rows, 95 KiB of mostly Chinese text) serialized with the native
 * `JSON.stringify` instead of fast-json-stringify compiled from the response schema: on Node 20 its string
 * escaping runs a character loop per string, measurably slower than the native escaper on such answers
 * (docs/benchmarks.md, the analysis of 2026-12-08).
 *
 * The response schema no longer filters what is sent, so the answer is checked before it goes out, always (not
 * only in tests): every object may hold only the properties its schema declares and must hold the required ones,
 * strings are strings, numbers finite numbers (integers where declared), booleans booleans, enum and const values
 * are among those declared. A property outside the schema (a password hash carried along by a careless spread)
 * is never sent: the request fails with a logged 500 instead. The check walks keys and `typeof`s, a few tens of
 * microseconds for the units list; formats and patterns are not checked (fast-json-stringify does not check them
 * either). The route keeps its response schema, so the OpenAPI document is unchanged.
 *
 * Only the schema forms such answers use are accepted (objects, arrays, primitives, null, unions of those,
 * enum/const, `$ref` to a given schema); anything else throws when the route is set up, not when it answers.
 */
export interface JsonAnswer<T extends TSchema> {
  /** Checks `body` against the schema and sends it (200 unless the reply already has a code). */
  send(reply: FastifyReply, body: Static<T>): FastifyReply;
  /** The first place where `value` leaves the schema (`items.3.passwordHash: not in the schema`), or null. */
  problem(value: unknown): string | null;
}

/** Null when the value fits; otherwise where and why, relative to the value (built only on failure). */
type Check = (value: unknown) => string | null;
type JsonSchema = Record<string, unknown>;

const ANNOTATIONS = new Set(['description', 'title', 'examples', 'default', '$id', 'format', 'pattern', 'minLength', 'maxLength', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minItems', 'maxItems', 'uniqueItems', 'multipleOf', 'deprecated', 'readOnly', 'writeOnly', '$schema']);
const STRUCTURE = new Set(['type', 'properties', 'required', 'additionalProperties', 'items', 'enum', 'const']);

/**
 * Compiles the schema into the source of one function per schema node (as ajv and fast-json-stringify do): the
 * check of a 236-row answer is then a few key switches per row, not a walk through closures and maps.
 * Property names and enum values enter the source only through JSON.stringify, as string or number literals.
 */
class Compiler {
  readonly fns: string[] = [];
  readonly sets: unknown[][] = [];
  private readonly byRef = new Map<string, string>();
  constructor(private readonly refs: Map<string, JsonSchema>) {}

  /** The name of the function checking `schema`. */
  node(schema: JsonSchema): string {
    if (typeof schema.$ref === 'string') {
      const id = schema.$ref.replace(/#$/, '');
      const known = this.byRef.get(id);
      if (known) return known;
      const target = this.refs.get(id);
      if (!target) throw new Error(`native JSON answer: unknown $ref ${schema.$ref}`);
      const name = `f${this.fns.length}`;
      this.fns.push(''); // reserved, so a recursive schema refers to itself
      this.byRef.set(id, name);
      const inner = this.node(target);
      this.fns[Number(name.slice(1))] = `function ${name}(v) { return ${inner}(v); }`;
      return name;
    }
    const name = `f${this.fns.length}`;
    const slot = this.fns.length;
    this.fns.push('');
    this.fns[slot] = `function ${name}(v) {\n${this.body(schema)}\n}`;
    return name;
  }

  private body(schema: JsonSchema): string {
    if (Array.isArray(schema.anyOf)) {
      const branches = (schema.anyOf as JsonSchema[]).map((b) => this.node(b));
      return `let first = null, p;\n${branches.map((b) => `p = ${b}(v); if (p === null) return null; if (first === null) first = p;`).join('\n')}\nreturn first;`;
    }
    for (const key of Object.keys(schema)) {
      if (!ANNOTATIONS.has(key) && !STRUCTURE.has(key)) throw new Error(`native JSON answer: schema keyword ${key} is not supported`);
    }
    let member = 'return null;';
    if (Array.isArray(schema.enum) || 'const' in schema) {
      const set = this.sets.length;
      this.sets.push(Array.isArray(schema.enum) ? (schema.enum as unknown[]) : [schema.const]);
      member = `return sets[${set}].has(v) ? null : ': not one of the declared values';`;
    }
    switch (schema.type) {
      case 'string':
        return `if (typeof v !== 'string') return ': not a string';\n${member}`;
      case 'number':
        return `if (typeof v !== 'number' || !Number.isFinite(v)) return ': not a finite number';\n${member}`;
      case 'integer':
        return `if (!Number.isInteger(v)) return ': not an integer';\n${member}`;
      case 'boolean':
        return `if (typeof v !== 'boolean') return ': not a boolean';\n${member}`;
      case 'null':
        return `return v === null ? null : ': not null';`;
      case 'array': {
        if (typeof schema.items !== 'object' || schema.items === null || Array.isArray(schema.items)) throw new Error('native JSON answer: an array needs one items schema');
        const item = this.node(schema.items as JsonSchema);
        return `if (!Array.isArray(v)) return ': not an array';\nfor (let i = 0; i < v.length; i++) { const p = ${item}(v[i]); if (p !== null) return under(i, p); }\nreturn null;`;
      }
      case 'object': {
        if (schema.additionalProperties !== undefined && schema.additionalProperties !== false) {
          throw new Error('native JSON answer: an object must declare all its properties');
        }
        const props = Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>).map(([k, s]) => [k, this.node(s)] as const);
        const required = new Set((schema.required ?? []) as string[]);
        const lines = [
          `if (typeof v !== 'object' || v === null || Array.isArray(v)) return ': not an object';`,
          // Own and inherited enumerable keys alike: nothing may ride along.
          props.length
            ? `for (const k in v) { switch (k) { ${props.map(([k]) => `case ${JSON.stringify(k)}:`).join(' ')} break; default: return k + ': not in the schema'; } }`
            : `for (const k in v) return k + ': not in the schema';`,
          'let x, p;',
          ...props.map(([k, fn]) => {
            const lit = JSON.stringify(k);
            // JSON.stringify drops undefined: an optional property left undefined is simply not sent.
            return `x = v[${lit}]; if (x !== undefined) { p = ${fn}(x); if (p !== null) return under(${lit}, p); }${required.has(k) ? ` else return ${JSON.stringify(`${k}: required but missing`)};` : ''}`;
          }),
          'return null;',
        ];
        for (const r of required) if (!props.some(([k]) => k === r)) throw new Error(`native JSON answer: required ${r} is not a property`);
        return lines.join('\n');
      }
      default:
        throw new Error(`native JSON answer: schema type ${String(schema.type)} is not supported`);
    }
  }
}

/** A problem found under `key`, prefixed with it (`3.passwordHash: not in the schema`). */
function under(key: string | number, problem: string): string {
  return problem.startsWith(':') ? `${key}${problem}` : `${key}.${problem}`;
}

function compile(schema: JsonSchema, refs: Map<string, JsonSchema>): Check {
  const c = new Compiler(refs);
  const root = c.node(schema);
  const source = `${c.fns.join('\n')}\nreturn ${root};`;
  // Generated from our own schemas only (see Compiler).
  const make = new Function('sets', 'under', source) as (sets: Set<unknown>[], u: typeof under) => Check;
  return make(c.sets.map((values) => new Set(values)), under);
}

/** Plain JSON copies: TypeBox schemas carry symbol keys that are no part of the JSON schema. */
const plain = (s: TSchema): JsonSchema => JSON.parse(JSON.stringify(s)) as JsonSchema;

/**
 * The answer of one route: `schema` is its 200 response schema (as given to the route), `refs` the shared schemas
 * it refers to by `$id`.
 */
export function nativeJsonAnswer<T extends TSchema>(schema: T, refs: readonly TSchema[] = []): JsonAnswer<T> {
  const byId = new Map<string, JsonSchema>();
  for (const r of refs) {
    const s = plain(r);
    if (typeof s.$id !== 'string') throw new Error('native JSON answer: a referenced schema needs an $id');
    byId.set(s.$id, s);
  }
  const check = compile(plain(schema), byId);
  const problem = (value: unknown) => {
    const found = check(value);
    return found === null ? null : found.startsWith(':') ? `(root)${found}` : found;
  };
  return {
    problem,
    send(reply, body) {
      const found = problem(body);
      // A programming error, not an expected outcome: logged with the request id, answered with a generic 500.
      if (found !== null) throw new Error(`response of ${reply.request.method} ${reply.request.routeOptions.url ?? '?'} leaves its schema: ${found}`);
      // A custom serializer leaves the content type to us (fastify sets it only for its own serializers).
      if (!reply.hasHeader('content-type')) reply.header('content-type', 'application/json; charset=utf-8');
      return reply.serializer(JSON.stringify).send(body);
    },
  };
}
