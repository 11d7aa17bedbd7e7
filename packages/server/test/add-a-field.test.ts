/**
 * AGENTS.md promises that an optional contact field is added by editing six files. This test holds it to
 * that: in a temporary copy of the repository it adds a throwaway field, `nickname`, exactly as the
 * checklist says — a migration, its line in db/migrate.ts, the row type, the field table entry, and its
 * label in both languages — and runs the field table's tests there, which fill every field of the table and
 * follow it through the API, the filters and sorts, the export, an import of that export, a merge, the audit
 * log and the web app's labels and columns. Nothing else is edited, so a place that still needs its own
 * edit for a new field fails here. A company field (`motto`) takes the same six files.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { promisify } from 'node:util';

const root = resolve(import.meta.dirname, '../../..');
const copies: string[] = [];
after(() => {
  for (const c of copies) rmSync(c, { recursive: true, force: true });
});

/** The copy: the packages' sources, and node_modules linked entry by entry except our own packages, which point into the copy. */
function makeCopy(): string {
  const copy = mkdtempSync(join(tmpdir(), 'kith-add-a-field-'));
  copies.push(copy);
  for (const f of ['package.json', 'tsconfig.json']) cpSync(join(root, f), join(copy, f));
  cpSync(join(root, 'packages'), join(copy, 'packages'), { recursive: true, filter: (src) => !/\/(node_modules|dist)(\/|$)/.test(src) });
  mkdirSync(join(copy, 'node_modules/@kith'), { recursive: true });
  for (const entry of readdirSync(join(root, 'node_modules')))
    if (entry !== '@kith') symlinkSync(join(root, 'node_modules', entry), join(copy, 'node_modules', entry));
  for (const p of readdirSync(join(copy, 'packages'))) symlinkSync(join(copy, 'packages', p), join(copy, 'node_modules/@kith', p));
  return copy;
}

let copy = '';
let edited: string[] = [];
function edit(path: string, change: (src: string) => string): void {
  const file = join(copy, path);
  const before = (() => {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return '';
    }
  })();
  const after = change(before);
  assert.notEqual(after, before, `${path}: the edit found nothing to change`);
  writeFileSync(file, after);
  edited.push(path);
}
const insertAfter = (anchor: string, text: string) => (src: string) => {
  const i = src.indexOf(anchor);
  assert.ok(i >= 0, `anchor not found: ${anchor}`);
  return src.slice(0, i + anchor.length) + text + src.slice(i + anchor.length);
};
const label =
  (text: string, namespace = 'contactFields', name = 'nickname') =>
  (src: string) => {
    const json = JSON.parse(src);
    json[namespace][name] = text;
    return `${JSON.stringify(json, null, 2)}\n`;
  };

/** A migration that adds one text column to a table. */
const migration = (table: string, column: string) => () =>
  `import type { Kysely } from 'kysely';\nexport async function up(db: Kysely<any>): Promise<void> {\n  await db.schema.alterTable('${table}').addColumn('${column}', 'text').execute();\n}\nexport async function down(db: Kysely<any>): Promise<void> {\n  await db.schema.alterTable('${table}').dropColumn('${column}').execute();\n}\n`;
const listMigration = (name: string) => (src: string) => {
  const withImport = src.replace(/(\nimport \* as m\d+ from [^\n]+)(\n(?!import))/, `$1\nimport * as mAdded from './migrations/${name}.ts';$2`);
  return withImport.replace(/(\n\s+'[^']+': m\d+,)(\n};)/, `$1\n  '${name}': mAdded,$2`);
};

/** Run the given test files in the copy, as a test run of its own, and require them to pass. */
async function runInCopy(files: string[], probe: { module: string; list: string; name: string }): Promise<void> {
  const run = promisify(execFile);
  const p = await run(process.execPath, ['-e', `import('${probe.module}').then((m) => console.log(m.${probe.list}.map((f) => f.name).join(',')))`], {
    cwd: join(copy, 'packages/server'),
  });
  assert.match(p.stdout, new RegExp(`(^|,)${probe.name}(,|$)`), 'the copy’s field table has the new field');
  const tests = files.filter((f) => {
    try {
      readFileSync(join(copy, f));
      return true;
    } catch {
      return false;
    }
  });
  // A test run of its own (NODE_TEST_CONTEXT would make it a silent child of this one).
  const { NODE_TEST_CONTEXT: _, ...env } = process.env;
  const r = await run(process.execPath, ['--test', '--test-reporter=spec', ...tests], {
    cwd: copy,
    env: { ...env, KITH_TEST_DATABASE_URL: '' },
    maxBuffer: 16 * 1024 * 1024,
  }).catch((e: { stdout: string; stderr: string }) => e);
  assert.match(r.stdout, /ℹ fail 0/, `the field tests fail with the new field:\n${r.stdout.slice(-4000)}\n${r.stderr.slice(-2000)}`);
  assert.match(r.stdout, /ℹ pass [1-9]/);
}

test('adding an optional contact field takes the six files AGENTS.md names, and nothing else', { timeout: 240_000 }, async () => {
  copy = makeCopy();
  edited = [];
  // 1. The migration, and its line in the list.
  edit('packages/server/src/platform/db/migrations/2099-01-01-001-contact-nickname.ts', migration('contacts', 'nickname'));
  edit('packages/server/src/platform/db/migrate.ts', listMigration('2099-01-01-001-contact-nickname'));
  // 2. The row type.
  edit('packages/server/src/features/contacts/contact.table.ts', insertAfter('  hometown: string | null;\n', '  nickname: string | null;\n'));
  // 3. The field table.
  edit('packages/domain/src/contacts/contact.fields.ts', (src) =>
    src.replace(
      '\n  familyName: textField(',
      "\n  nickname: textField('nickname', 60, {\n    export: {},\n    import: { synonyms: ['biet danh', 'ten goi', 'nickname'] },\n    filter: { type: 'text', sortable: true },\n    web: { section: 'identity', edit: 'text', column: { width: 140 } },\n  }),\n  familyName: textField(",
    ),
  );
  // 4. Its label, in both languages.
  edit('packages/web/src/locales/vi.json', label('Biệt danh'));
  edit('packages/web/src/locales/en.json', label('Nickname'));
  assert.equal(new Set(edited).size, 6, 'the checklist names six files');

  await runInCopy(
    [
      'packages/server/src/features/contacts/contact.fields.test.ts',
      'packages/web/src/features/contacts/contact-fields.test.ts',
      'packages/domain/src/import/mapping.test.ts',
    ],
    {
      module: '@kith/domain/contacts/contact.fields.ts',
      list: 'CONTACT_FIELD_LIST',
      name: 'nickname',
    },
  );
});

test('adding an optional company field takes the same six files (AGENTS.md), and nothing else', { timeout: 240_000 }, async () => {
  copy = makeCopy();
  edited = [];
  edit('packages/server/src/platform/db/migrations/2099-01-01-001-company-motto.ts', migration('companies', 'motto'));
  edit('packages/server/src/platform/db/migrate.ts', listMigration('2099-01-01-001-company-motto'));
  edit('packages/server/src/features/companies/company.table.ts', insertAfter('  industry: string | null;\n', '  motto: string | null;\n'));
  edit('packages/domain/src/companies/company.fields.ts', (src) =>
    src.replace(
      '\n  industry: optional(',
      "\n  motto: optional('motto', text(200), {\n    export: {},\n    import: { synonyms: ['khau hieu', 'slogan', 'motto'] },\n    filter: { type: 'text', sortable: true },\n    web: { section: 'details', edit: 'text' },\n  }),\n  industry: optional(",
    ),
  );
  edit('packages/web/src/locales/vi.json', label('Khẩu hiệu', 'companyFields', 'motto'));
  edit('packages/web/src/locales/en.json', label('Motto', 'companyFields', 'motto'));
  assert.equal(new Set(edited).size, 6, 'six files');
  await runInCopy(['packages/server/src/features/companies/company.fields.test.ts', 'packages/web/src/features/companies/company-fields.test.ts'], {
    module: '@kith/domain/companies/company.fields.ts',
    list: 'COMPANY_FIELD_LIST',
    name: 'motto',
  });
});
