import type { Writable } from 'node:stream';
import { neutralizeCell } from '@kith/domain/export/cells.ts';
import type { Catalogue, Matrix, TrainingRecord } from '@kith/domain/training/training.api.ts';
import { enumLabel, labelLocale } from '@kith/domain/labels/enums.ts';
import type { Db } from '../../platform/db/create-db.ts';
import { writeTable, type ExportColumn } from '../export/table-export.ts';
import { teamNames } from '../teams/team.repository.ts';

/**
 * The training files people open in a spreadsheet: the competency matrix (a row per person, a column per required
 * item) and the records. Written through the exports' table writer (CSV, UTF-8 with a BOM), so every cell a
 * spreadsheet would run as a formula — a course or a note typed as `=HYPERLINK(…)` — is neutralised as in every
 * export of Kith (`@kith/domain/export/cells.ts`).
 */

const HEADERS = {
  vi: {
    person: 'Nhân sự',
    role: 'Vai trò',
    teams: 'Nhóm',
    required: 'Số mục bắt buộc',
    held: 'Số mục đạt',
    coverage: 'Tỷ lệ đáp ứng (%)',
    course: 'Khóa học',
    completedOn: 'Ngày hoàn thành',
    result: 'Kết quả',
    score: 'Điểm',
    expiresOn: 'Ngày hết hạn',
    state: 'Tình trạng',
    evidenceNote: 'Minh chứng (ghi chú)',
    evidenceUrl: 'Minh chứng (liên kết)',
    recordedBy: 'Người ghi nhận',
    until: 'hết hạn',
    kind: 'Loại',
    name: 'Tên',
    description: 'Mô tả',
    validityMonths: 'Hiệu lực (tháng)',
    grants: 'Cấp năng lực / Mục yêu cầu',
    archived: 'Đã lưu trữ',
    requirement: 'Yêu cầu',
    allTeams: 'Mọi nhóm',
    yes: 'có',
  },
  en: {
    person: 'Person',
    role: 'Role',
    teams: 'Teams',
    required: 'Required items',
    held: 'Items held',
    coverage: 'Coverage (%)',
    course: 'Course',
    completedOn: 'Completed on',
    result: 'Result',
    score: 'Score',
    expiresOn: 'Expires on',
    state: 'State',
    evidenceNote: 'Evidence (note)',
    evidenceUrl: 'Evidence (link)',
    recordedBy: 'Recorded by',
    until: 'expires',
    kind: 'Kind',
    name: 'Name',
    description: 'Description',
    validityMonths: 'Valid for (months)',
    grants: 'Grants / Required item',
    archived: 'Archived',
    requirement: 'Requirement',
    allTeams: 'All teams',
    yes: 'yes',
  },
};

type Row = Matrix['people'][number];

export async function writeMatrixCsv(db: Db, workspaceId: string, out: Writable, m: Matrix, lang: string): Promise<void> {
  const l = labelLocale(lang);
  const h = HEADERS[l];
  const teams = new Map((await teamNames(db, workspaceId)).map((x) => [x.id, x.name]));
  const cols: ExportColumn<Row>[] = [
    { key: 'person', header: h.person, value: (p) => p.name },
    { key: 'role', header: h.role, value: (p) => p.role, enum: 'role' },
    { key: 'teams', header: h.teams, value: (p) => p.teamIds.map((id) => teams.get(id) ?? id).join('; ') },
    ...m.items.map(
      (it, i): ExportColumn<Row> => ({
        key: `item${i}`,
        header: `${neutralizeCell(it.name)} (${enumLabel('requirementKind', it.kind, l)})`,
        value: (p) => {
          const c = p.cells[i]!;
          const state = enumLabel('trainingCellState', c.state, l);
          return c.expiresOn && c.state !== 'not_required' ? `${state} (${h.until} ${c.expiresOn})` : state;
        },
      }),
    ),
    { key: 'required', header: h.required, value: (p) => p.required },
    { key: 'held', header: h.held, value: (p) => p.satisfied },
    { key: 'coverage', header: h.coverage, value: (p) => (p.required ? Math.round((p.satisfied / p.required) * 1000) / 10 : null) },
  ];
  await writeTable(
    out,
    { format: 'csv', raw: false, sheet: 'matrix', locale: l },
    cols,
    (async function* () {
      yield m.people;
    })(),
  );
}

export async function writeRecordsCsv(out: Writable, records: readonly TrainingRecord[], lang: string): Promise<void> {
  const l = labelLocale(lang);
  const h = HEADERS[l];
  const cols: ExportColumn<TrainingRecord>[] = [
    { key: 'person', header: h.person, value: (r) => r.userName },
    { key: 'course', header: h.course, value: (r) => r.courseName },
    { key: 'completedOn', header: h.completedOn, value: (r) => r.completedOn },
    { key: 'result', header: h.result, value: (r) => r.result, enum: 'trainingResult' },
    { key: 'score', header: h.score, value: (r) => r.score },
    { key: 'expiresOn', header: h.expiresOn, value: (r) => r.expiresOn },
    { key: 'state', header: h.state, value: (r) => r.state, enum: 'trainingRecordState' },
    { key: 'evidenceNote', header: h.evidenceNote, value: (r) => r.evidenceNote },
    { key: 'evidenceUrl', header: h.evidenceUrl, value: (r) => r.evidenceUrl },
    { key: 'recordedBy', header: h.recordedBy, value: (r) => r.recordedByName },
  ];
  await writeTable(
    out,
    { format: 'csv', raw: false, sheet: 'records', locale: l },
    cols,
    (async function* () {
      yield records;
    })(),
  );
}

type CatalogueRow = {
  kind: string;
  name: string;
  description: string | null;
  validityMonths: number | null;
  grants: string;
  role: string | null;
  team: string;
  archived: string;
};

/** The catalogue as one file: a row per course, per competency and per requirement (which role, in which team, must hold what). */
export async function writeCatalogueCsv(db: Db, workspaceId: string, out: Writable, c: Catalogue, lang: string): Promise<void> {
  const l = labelLocale(lang);
  const h = HEADERS[l];
  const teams = new Map((await teamNames(db, workspaceId)).map((x) => [x.id, x.name]));
  const competency = new Map(c.competencies.map((k) => [k.id, k.name]));
  const course = new Map(c.courses.map((k) => [k.id, k.name]));
  const rows: CatalogueRow[] = [
    ...c.courses.map((x) => ({
      kind: enumLabel('requirementKind', 'course', l),
      name: x.name,
      description: x.description,
      validityMonths: x.validityMonths,
      grants: x.competencyIds.map((id) => competency.get(id) ?? id).join('; '),
      role: null,
      team: '',
      archived: x.archived ? h.yes : '',
    })),
    ...c.competencies.map((x) => ({
      kind: enumLabel('requirementKind', 'competency', l),
      name: x.name,
      description: x.description,
      validityMonths: null,
      grants: '',
      role: null,
      team: '',
      archived: '',
    })),
    ...c.requirements.map((r) => ({
      kind: h.requirement,
      name: '',
      description: null,
      validityMonths: null,
      grants: r.courseId ? (course.get(r.courseId) ?? r.courseId) : (competency.get(r.competencyId ?? '') ?? ''),
      role: r.role,
      team: r.teamId ? (teams.get(r.teamId) ?? r.teamId) : h.allTeams,
      archived: '',
    })),
  ];
  const cols: ExportColumn<CatalogueRow>[] = [
    { key: 'kind', header: h.kind, value: (r) => r.kind },
    { key: 'name', header: h.name, value: (r) => r.name },
    { key: 'description', header: h.description, value: (r) => r.description },
    { key: 'validityMonths', header: h.validityMonths, value: (r) => r.validityMonths },
    { key: 'grants', header: h.grants, value: (r) => r.grants },
    { key: 'role', header: h.role, value: (r) => r.role, enum: 'role' },
    { key: 'team', header: h.teams, value: (r) => r.team },
    { key: 'archived', header: h.archived, value: (r) => r.archived },
  ];
  await writeTable(
    out,
    { format: 'csv', raw: false, sheet: 'catalogue', locale: l },
    cols,
    (async function* () {
      yield rows;
    })(),
  );
}
