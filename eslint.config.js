import path from 'node:path';
import tseslint from 'typescript-eslint';

const root = import.meta.dirname;
const rel = (file) => path.relative(root, file).split(path.sep).join('/');
const matches = (file, patterns) => patterns.some((p) => p.test(file));

/**
 * Where the query builder may be used (drizzle-orm imports, and db / tx / database query calls): repositories
 * and tables, the database layer, plus code that works on the whole database or on the schema itself, listed
 * one by one. Everything else asks a repository, by an intent-named method.
 */
const QUERY_BUILDER_ALLOWED = [
  /\.repository\.ts$/,
  /\.tables\.ts$/,
  /^server\/src\/db\//,
  /^server\/drizzle\.config\.ts$/,
  /^server\/src\/modules\/tracking\/tracking\.writer\.ts$/, // the position writer: COPY and batched UPDATEs on the hot table
  /^server\/src\/modules\/tracking\/tracking\.partitions\.ts$/, // DDL: creates, attaches and drops the daily partitions
  /^server\/src\/seed\//, // the demo seed: bulk inserts of generated data
  /^server\/src\/backup\//, // single-file backup and restore: every table, and the migration journal
  /^server\/src\/cli\/commands\.ts$/, // reads the migration files (drizzle-orm/migrator)
  /^server\/test\//, // API tests set up and inspect the database directly
  /\.test\.ts$/,
  /^bench\//, // benchmarks measure the database directly
];

/** `*.tables.ts` may reference another module's tables (foreign keys): the schema is one. */
const TABLES_FILE = /\.tables\.ts$/;

const QUERY_CALL = /^(select|selectDistinct|insert|update|delete|execute|query|rows)$/;
const DB_HANDLE = /^(db|tx|database)$/;

/**
 * Module boundaries (docs/ARCHITECTURE.md):
 * (a) the query builder only where QUERY_BUILDER_ALLOWED says;
 * (b) a server module imports another module only through its index.ts (tables files may import tables);
 * (c) a web module imports another web module never: what several modules use lives in web/src/shared/.
 */
const boundaries = {
  meta: { type: 'problem', schema: [], messages: {
    queryBuilder: "{{what}} here: queries are built in the module's repository (*.repository.ts); add an intent-named method there",
    pastIndex: "'{{source}}' reaches into module '{{module}}': import from its index.ts ('{{index}}') and export what you need there",
    webModule: "'{{source}}' imports the web module '{{module}}': move what both modules use to web/src/shared/",
  } },
  create(context) {
    const file = rel(context.filename);
    const queriesAllowed = matches(file, QUERY_BUILDER_ALLOWED);
    const serverModule = /^server\/src\/modules\/([^/]+)\//.exec(file)?.[1];
    const webModule = /^web\/src\/modules\/([^/]+)\//.exec(file)?.[1];
    function checkSource(node, source) {
      if (typeof source !== 'string') return;
      if (!queriesAllowed && (source === 'drizzle-orm' || source.startsWith('drizzle-orm/'))) {
        context.report({ node, messageId: 'queryBuilder', data: { what: `'${source}' imported` } });
      }
      if (!source.startsWith('.')) return;
      const target = rel(path.resolve(path.dirname(context.filename), source));
      if (serverModule) {
        const m = /^server\/src\/modules\/([^/]+)(?:\/(.*))?$/.exec(target);
        if (m && m[1] !== serverModule && m[2] !== undefined && m[2] !== 'index' && m[2] !== 'index.ts') {
          const tablesToTables = TABLES_FILE.test(file) && /\.tables$/.test(m[2]);
          if (!tablesToTables) context.report({ node, messageId: 'pastIndex', data: { source, module: m[1], index: path.posix.relative(path.posix.dirname(file), `server/src/modules/${m[1]}`) } });
        }
      }
      if (webModule) {
        const m = /^web\/src\/modules\/([^/]+)(?:\/|$)/.exec(target);
        if (m && m[1] !== webModule) context.report({ node, messageId: 'webModule', data: { source, module: m[1] } });
      }
    }
    return {
      ImportDeclaration: (node) => checkSource(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && checkSource(node.source, node.source.value),
      ExportAllDeclaration: (node) => checkSource(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && checkSource(node.source, node.source.value),
      CallExpression(node) {
        if (queriesAllowed) return;
        const c = node.callee;
        if (c.type === 'MemberExpression' && !c.computed && c.object.type === 'Identifier' && DB_HANDLE.test(c.object.name) && c.property.type === 'Identifier' && QUERY_CALL.test(c.property.name)) {
          context.report({ node: c, messageId: 'queryBuilder', data: { what: `${c.object.name}.${c.property.name}()` } });
        }
      },
    };
  },
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'web/dist/**', 'data/**', '.tmp/**', 'test-results/**', 'server/drizzle/**'] },
  ...tseslint.configs.recommended,
  {
    plugins: { guifan: { rules: { boundaries } } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'off',
      'guifan/boundaries': 'error',
    },
  },
);
