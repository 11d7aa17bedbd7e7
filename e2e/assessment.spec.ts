/**
 * The assessment in the web app, in Debian's Chromium against the real server, in Vietnamese: a manager starts the
 * QCI-model health check, invites two colleagues (members made through the API), answers the first practices in
 * the questionnaire (the rest through the API, to keep the story short) and hands in; the colleagues answer through
 * the API with their own sessions — one of them scoring Reality 4 on the practices about customer owners while the
 * workspace's customers have no owner, so the evidence contradicts it. The manager then reads the consolidation
 * (a disagreement flagged) and the report: the overall score with its quartile, the radar, the contradictions and
 * the recommendations; prints it (a PDF from print media, rendered to PNG and looked at). Each tab screenshotted
 * and axe-checked; what is on screen is checked against the API.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import type { Page } from 'playwright-core';
import { openWorkspace, SCREENSHOTS, type OpenWorkspace } from './browser.ts';
import { story } from './steps.ts';
import { enumLabel } from '@kith/domain/labels/enums.ts';

const vi = JSON.parse(readFileSync(join(import.meta.dirname, '../packages/web/src/locales/vi.json'), 'utf8'));
const OWNER = { workspace: 'Gốm sứ Bát Tràng Xưa', name: 'Nguyễn Thị Thanh Hương', email: 'huong@battrangxua.vn', password: 'mật khẩu lò gốm 2026' };
const COLLEAGUES = [
  { name: 'Phạm Quang Vinh', email: 'vinh@battrangxua.vn', password: 'hoa đào tết bán hàng 2026', role: 'agent' },
  { name: 'Đỗ Thị Mai Anh', email: 'maianh@battrangxua.vn', password: 'sen hồ tây chăm sóc 2026', role: 'manager' },
];
const NAME = 'Sức khỏe quản trị khách hàng — quý IV';
const PREVIOUS = 'Sức khỏe quản trị khách hàng — quý III';
const ADVISER = 'Lâm Quốc Tuấn (cố vấn)';
const fill = (s: string, v: Record<string, string | number>) => s.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(v[k]));
const pctVi = (n: number) => `${new Intl.NumberFormat('vi-VN').format(Math.round(n * 10) / 10)}%`;

let w: OpenWorkspace;
let page: Page;
let server: OpenWorkspace['server'];
let token = '';
let pageErrors: string[] = [];
const tokens: string[] = [];
const ids: Record<string, string> = {};
type Practice = { id: string; text: string; indicators: string[] };
let practices: (Practice & { area: number })[] = [];
const { step, shot, accessible, apiCall } = story(() => page, { failedShot: 'assessment-failed-step', url: () => server.url, token: () => token });

/** The API as one of the colleagues, with their own token. */
async function as(i: number, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const r = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${tokens[i]}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : null };
}

/** Practices about customer owners: their Reality is checked against the share of customers with an owner. */
const aboutOwners = (p: Practice) => p.indicators.includes('owner_coverage');

/**
 * Each respondent's levels, by practice: the manager plans more than is done (Intention 4, Reality 2, a little
 * lower in later areas), Vinh is moderate, Mai Anh is harsher on Reality; on the owner practices Vinh says
 * Reality 4, Mai Anh 1 (a disagreement) and the manager 2 — a mean of 2⅓ against evidence that suggests 0.
 */
function levels(who: 'manager' | 'vinh' | 'maiAnh', p: Practice & { area: number }): { intention: number; reality: number } {
  if (aboutOwners(p)) return { manager: { intention: 3, reality: 2 }, vinh: { intention: 4, reality: 4 }, maiAnh: { intention: 2, reality: 1 } }[who];
  const step = p.area % 3;
  if (who === 'manager') return { intention: 4 - (step === 2 ? 1 : 0), reality: 2 - (step === 1 ? 1 : 0) };
  if (who === 'vinh') return { intention: 3, reality: Math.max(0, 2 - step) };
  return { intention: 2 + (step === 0 ? 1 : 0), reality: 1 };
}

before(async () => {
  w = await openWorkspace(OWNER, { width: 1440, height: 900 });
  ({ page, server, token, pageErrors } = w);
  page.on('dialog', (d) => void d.accept());
  // Two colleagues join the workspace through invitations and sign in for their own API tokens.
  for (const c of COLLEAGUES) {
    const inv = await apiCall('POST', '/invitations', { email: c.email, role: c.role });
    assert.equal(inv.status, 201, JSON.stringify(inv.body));
    const url = `${server.url}${new URL(inv.body.url).pathname}`;
    const accepted = await fetch(`${url.replace('/invite/', '/api/v1/invitations/by-token/')}/accept`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: c.name, password: c.password }),
    });
    assert.equal(accepted.status, 200, `${c.name} joins`);
    const tok = await fetch(`${server.url}/api/v1/auth/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: c.email, password: c.password, name: 'e2e' }),
    });
    const tokBody = await tok.text();
    assert.equal(tok.status, 201, tokBody);
    tokens.push((JSON.parse(tokBody) as { token: string }).token);
  }
  // Customers nobody owns: the share of customers with an owner is nought.
  for (const [i, name] of [
    'Chị Lê Thu Trang',
    'Anh Vũ Đức Minh',
    'Cô Hoàng Ngọc Lan',
    'Anh Trịnh Văn Tùng',
    'Chị Bùi Thị Hạnh',
    'Anh Đặng Quốc Khánh',
  ].entries()) {
    const c = await apiCall('POST', '/contacts', { name, ownerId: null, phones: [`09${String(12_345_678 + i * 1_013)}`] });
    assert.equal(c.status, 201, JSON.stringify(c.body));
    assert.equal(c.body.ownerId, null, 'a customer without an owner');
  }
  const fw = await apiCall('GET', '/assessment/frameworks/qci?lang=vi');
  assert.equal(fw.status, 200, JSON.stringify(fw.body));
  ids.frameworkName = fw.body.name;
  practices = (fw.body.areas as { practices: Practice[] }[]).flatMap((a, area) => a.practices.map((p) => ({ ...p, area })));
  assert.ok(practices.length >= 80, `the health check has about a hundred practices (${practices.length})`);
  assert.ok(practices.some(aboutOwners), 'some practices are checked against customer owners');
});
after(() => w?.close());

describe('assessment: a manager runs the QCI-model health check with two colleagues and prints the report', () => {
  step('the empty list says what an assessment is and how to start one', async () => {
    await page.getByRole('link', { name: vi.nav.assessments, exact: true }).click();
    await page.getByRole('heading', { name: vi.assessment.title, level: 1 }).waitFor();
    await page.getByRole('heading', { name: vi.assessment.empty.title }).waitFor();
    await accessible('assessments, empty');
    await shot('assessment-01-empty');
  });

  step('last quarter’s health check, answered by the manager alone and closed, is in the list (through the API)', async () => {
    const prev = await apiCall('POST', '/assessments', { framework: 'qci', name: PREVIOUS });
    assert.equal(prev.status, 201, JSON.stringify(prev.body));
    ids.previous = prev.body.id;
    const put = await apiCall('PUT', `/assessments/${ids.previous}/my-scores`, {
      scores: practices.map((p) => ({ practiceId: p.id, intention: 2 + (p.area % 2), reality: 1 })),
      submit: true,
    });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    assert.equal((await apiCall('PATCH', `/assessments/${ids.previous}`, { status: 'closed' })).status, 200);
    await page.reload();
    const row = page.getByTestId('assessment-row').filter({ hasText: PREVIOUS });
    await row.waitFor();
    assert.match(await row.innerText(), new RegExp(enumLabel('assessmentStatus', 'closed', 'vi')));
  });

  step('the manager starts the QCI-model health check for the whole business', async () => {
    await page.getByTestId('start-assessment').first().click();
    const dialog = page.getByTestId('start-dialog');
    await dialog.waitFor();
    // Every framework is offered, with what it is and how many practices it has.
    await dialog.getByText(ids.frameworkName!, { exact: true }).waitFor();
    await dialog.locator('input[name="framework"][value="qci"]').check();
    await dialog.getByLabel(vi.assessment.fields.name).fill(NAME);
    await accessible('start dialog');
    await shot('assessment-02-start');
    await page.getByTestId('start-submit').click();
    await page.getByRole('heading', { name: NAME, level: 1 }).waitFor();
    ids.assessment = page.url().match(/\/assessments\/([0-9a-f-]{36})/)![1]!;
    const a = await apiCall('GET', `/assessments/${ids.assessment}`);
    assert.equal(a.status, 200);
    assert.deepEqual([a.body.framework, a.body.name, a.body.teamId, a.body.status], ['qci', NAME, null, 'open']);
  });

  step('the manager invites the two colleagues from the members list', async () => {
    await page.getByTestId('tab-respondents').click();
    const form = page.getByTestId('invite-form');
    for (const c of COLLEAGUES) await form.getByRole('checkbox', { name: new RegExp(c.name) }).check();
    // And an outside adviser, through a personal link that is shown once.
    await page.getByTestId('add-outside').click();
    await form.getByLabel(vi.assessment.respondents.name, { exact: true }).fill(ADVISER);
    await form.getByLabel(vi.assessment.respondents.email, { exact: true }).fill('tuvan.lam@example.vn');
    await page.getByTestId('invite-submit').click();
    await page.getByTestId('respondent-row').filter({ hasText: COLLEAGUES[1]!.name }).waitFor();
    const link = await page.getByTestId('outside-link').inputValue();
    assert.match(link, /^https?:\/\/[^/]+\/a\/\S{10,}$/, `a personal link (${link})`);
    assert.equal((await fetch(link.replace(/^https?:\/\/[^/]+/, server.url))).status, 200, 'the link opens the outside respondent’s page');
    const r = await apiCall('GET', `/assessments/${ids.assessment}/respondents`);
    assert.deepEqual(
      (r.body.data as { name: string; kind: string }[])
        .filter((x) => x.kind === 'member')
        .map((x) => x.name)
        .sort(),
      [OWNER.name, ...COLLEAGUES.map((c) => c.name)].sort(),
      'the manager (who started it) and the two colleagues',
    );
    assert.deepEqual(
      (r.body.data as { name: string; kind: string; link?: string }[]).filter((x) => x.kind === 'outside').map((x) => [x.name, x.link]),
      [[ADVISER, undefined]],
      'the outside adviser, whose link is not given again',
    );
    await accessible('respondents');
    await shot('assessment-03-respondents');
  });

  step('the manager scores the first practices in the questionnaire; they are saved as they go', async () => {
    await page.getByTestId('tab-answer').click();
    await page.getByTestId('answer-tab').waitFor();
    const cards = page.getByTestId('practice');
    for (let i = 0; i < 3; i++) {
      const card = cards.nth(i);
      const id = await card.getAttribute('data-practice');
      const p = practices.find((x) => x.id === id)!;
      assert.equal(p, practices[i], 'the questionnaire starts with the framework’s first practices');
      const l = levels('manager', p);
      await card.getByRole('radiogroup', { name: vi.assessment.intention }).locator('label').nth(l.intention).click();
      await card.getByRole('radiogroup', { name: vi.assessment.reality }).locator('label').nth(l.reality).click();
    }
    await cards.nth(0).getByLabel(vi.assessment.answer.comment).fill('Có kế hoạch phân tích khách hàng hằng quý, nhưng mới làm ở cửa hàng Hà Nội.');
    await page
      .getByTestId('save-status')
      .filter({ hasText: fill(vi.assessment.answer.savedAt, { time: '' }).trim() })
      .waitFor({ timeout: 10_000 });
    // The count says three of all are answered; the submit button waits for the rest.
    assert.equal(
      await page.getByTestId('answer-count').innerText(),
      fill(vi.assessment.answer.answeredOf, { answered: 3, total: new Intl.NumberFormat('vi-VN').format(practices.length) }),
    );
    assert.equal(await page.getByTestId('submit-answers').isDisabled(), true);
    // Away to another tab and back: the answers are still there.
    await page.getByTestId('tab-respondents').click();
    await page.getByTestId('tab-answer').click();
    const l0 = levels('manager', practices[0]!);
    assert.equal(await cards.nth(0).getByRole('radiogroup', { name: vi.assessment.intention }).getByRole('radio').nth(l0.intention).isChecked(), true);
    assert.match(await cards.nth(0).getByLabel(vi.assessment.answer.comment).inputValue(), /cửa hàng Hà Nội/);
    const mine = await apiCall('GET', `/assessments/${ids.assessment}/my-scores`);
    assert.equal(mine.status, 200);
    assert.equal(mine.body.answered, 3);
    const first = (mine.body.scores as { practiceId: string; intention: number; reality: number; comment: string | null }[]).find(
      (s) => s.practiceId === practices[0]!.id,
    )!;
    assert.deepEqual([first.intention, first.reality], [levels('manager', practices[0]!).intention, levels('manager', practices[0]!).reality]);
    assert.match(first.comment ?? '', /cửa hàng Hà Nội/);
    await accessible('questionnaire');
    await shot('assessment-04-answer');
  });

  step('the rest of the manager’s answers through the API; the manager hands in from the questionnaire', async () => {
    const put = await apiCall('PUT', `/assessments/${ids.assessment}/my-scores`, {
      scores: practices.slice(3).map((p) => ({ practiceId: p.id, ...levels('manager', p) })),
    });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    assert.equal(put.body.answered, practices.length, 'the three from the screen are kept beside the rest');
    await page.reload();
    await page.getByTestId('tab-answer').click();
    await page.getByTestId('submit-answers').click();
    await page.getByTestId('confirm-submit').click();
    await page.getByTestId('submitted-badge').waitFor();
    const mine = await apiCall('GET', `/assessments/${ids.assessment}/my-scores`);
    assert.ok(mine.body.submittedAt, 'handed in');
    // Read-only now.
    assert.equal(await page.getByTestId('practice').first().getByRole('radio').first().isDisabled(), true);
  });

  step('the colleagues answer with their own sessions; nobody sees the others before handing in', async () => {
    const before = await as(0, 'GET', `/assessments/${ids.assessment}/report`);
    assert.notEqual(before.status, 200, 'Vinh cannot read the report before answering');
    for (const [i, who] of (['vinh', 'maiAnh'] as const).entries()) {
      const r = await as(i, 'PUT', `/assessments/${ids.assessment}/my-scores`, {
        scores: practices.map((p) => ({ practiceId: p.id, ...levels(who, p) })),
        submit: true,
      });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.ok(r.body.submittedAt);
    }
    // A level outside 0–4 is refused, naming the entry.
    const bad = await as(0, 'PUT', `/assessments/${ids.assessment}/my-scores`, { scores: [{ practiceId: practices[0]!.id, intention: 5, reality: 1 }] });
    assert.equal(bad.status, 422);
  });

  step('the consolidation shows everyone’s answers, flags the disagreement on the owner practices', async () => {
    await page.getByTestId('tab-consolidation').click();
    await page.getByTestId('consolidation-tab').waitFor();
    const owner = practices.find(aboutOwners)!;
    const row = page.locator(`[data-testid="consolidation-row"][data-practice="${owner.id}"]`);
    await row.getByTestId('disagreement').waitFor();
    // Mean Reality 2⅓ from 2, 4 and 1.
    assert.match(await row.innerText(), /2,3 \(1–4\)/);
    // The assessor settles the first practice after talking it over: a final score with its reason.
    const first = page.locator(`[data-testid="consolidation-row"][data-practice="${practices[0]!.id}"]`);
    await first.getByRole('button', { name: new RegExp(`^${vi.assessment.consolidation.decide}`) }).click();
    const editor = page.getByTestId('final-editor');
    await editor.getByRole('radiogroup', { name: vi.assessment.intention }).locator('label').nth(3).click();
    await editor.getByRole('radiogroup', { name: vi.assessment.reality }).locator('label').nth(2).click();
    await editor.getByLabel(vi.assessment.consolidation.reason).fill('Đã thống nhất trong buổi họp: kế hoạch có, mới làm ở Hà Nội.');
    await accessible('final score editor');
    await page.getByTestId('final-save').click();
    await editor.waitFor({ state: 'detached' });
    await first.getByText(fill(vi.assessment.consolidation.ir, { i: 3, r: 2 }), { exact: true }).waitFor();
    const c = (await apiCall('GET', `/assessments/${ids.assessment}/consolidation`)).body as {
      practices: { practiceId: string; final: { intention: number; reality: number; reason: string | null } | null }[];
    };
    assert.deepEqual(c.practices.find((p) => p.practiceId === practices[0]!.id)?.final, {
      intention: 3,
      reality: 2,
      reason: 'Đã thống nhất trong buổi họp: kế hoạch có, mới làm ở Hà Nội.',
    });
    await page.getByTestId('tab-consolidation').scrollIntoViewIfNeeded();
    await accessible('consolidation');
    await shot('assessment-05-consolidation');
  });

  step('the report: the overall score with its quartile, the radar, the contradictions and the recommendations', async () => {
    await page.getByTestId('tab-report').click();
    await page.getByTestId('report').waitFor();
    // The evidence is computed again from today's data (the customers without owners).
    await page.getByTestId('refresh-evidence').click();
    await page.getByText(vi.assessment.report.evidenceRefreshed).waitFor();
    const r = (await apiCall('GET', `/assessments/${ids.assessment}/report?lang=vi`)).body as {
      overall: number;
      overallQuartile: number;
      benchmark: { source: string };
      areas: { key: string; evidence: { key: string; value: number | null; suggestedReality: number | null }[] }[];
      contradictions: { practiceId: string }[];
      recommendations: { practiceId: string; kind: string }[];
      previous: { id: string; overall: number } | null;
    };
    assert.ok(r.overall > 0 && r.overall < 100, `overall ${r.overall}`);
    await page
      .getByTestId('overall')
      .filter({ hasText: pctVi(r.overall) })
      .waitFor();
    assert.equal(await page.getByTestId('overall').innerText(), pctVi(r.overall));
    await page
      .getByTestId('quartile')
      .first()
      .filter({ hasText: vi.assessment.report.quartiles[String(r.overallQuartile)] })
      .waitFor();
    assert.equal(r.benchmark.source, 'seed');
    // Against last quarter's: the change is said beside the overall score (and drawn on the radar).
    assert.equal(r.previous?.id, ids.previous);
    const d = Math.round((r.overall - r.previous!.overall) * 10) / 10;
    assert.ok(d > 0, `better than last quarter (${d})`);
    await page.getByText(fill(vi.assessment.report.sincePrevious, { delta: `+${new Intl.NumberFormat('vi-VN').format(d)}`, name: PREVIOUS })).waitFor();
    assert.match(await page.getByTestId('benchmark-source').innerText(), /ước tính từ số liệu tổng hợp đã công bố/);
    // The radar is drawn (a canvas in its card).
    await page.locator('[data-testid="chart-radar"] canvas').waitFor();
    // The owner share is nought: the owner practices scored Reality 2⅓ contradict it.
    const coverage = r.areas.flatMap((a) => a.evidence).find((e) => e.key === 'owner_coverage')!;
    assert.equal(coverage.value, 0);
    const owner = practices.find(aboutOwners)!;
    assert.ok(
      r.contradictions.some((c) => c.practiceId === owner.id),
      'the evidence contradicts the owner practice',
    );
    const contradictions = page.getByTestId('contradiction');
    assert.equal(await contradictions.count(), r.contradictions.length);
    await contradictions.filter({ hasText: owner.text }).waitFor();
    // Recommendations, both kinds, each with the Kith screen that does it.
    const quick = r.recommendations.filter((x) => x.kind === 'quick_win');
    const strategic = r.recommendations.filter((x) => x.kind === 'strategic');
    assert.ok(quick.length > 0 && strategic.length > 0, `${quick.length} quick wins, ${strategic.length} strategic moves`);
    await page
      .getByTestId('recs-quick_win')
      .getByRole('heading', { name: enumLabel('recommendationKind', 'quick_win', 'vi') })
      .waitFor();
    assert.equal(await page.getByTestId('recs-quick_win').getByTestId('recommendation').count(), Math.min(10, quick.length));
    assert.ok((await page.getByTestId('recs-quick_win').getByRole('link').count()) > 0, 'actions link to Kith screens');
    // The CSV of every score is a download link.
    assert.equal(await page.getByTestId('report-csv').getAttribute('href'), `/api/v1/assessments/${ids.assessment}/report.csv?lang=vi`);
    const csv = await fetch(`${server.url}/api/v1/assessments/${ids.assessment}/report.csv?lang=vi`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-type') ?? '', /text\/csv/);
    const csvText = await csv.text();
    assert.ok(
      practices.every((p) => csvText.includes(p.id)),
      'every practice is in the CSV',
    );
    await accessible('report');
    await shot('assessment-06-report');
    await page.getByTestId('contradictions').scrollIntoViewIfNeeded();
    await shot('assessment-07-report-contradictions');
    await page.getByTestId('recommendations').scrollIntoViewIfNeeded();
    await shot('assessment-08-report-recommendations');
  });

  step('printed: a PDF of the report alone, with the overall score and the radar', async () => {
    await page.emulateMedia({ media: 'print' });
    // The radar's canvas follows its box's new size under print media.
    await page.waitForTimeout(500);
    assert.equal(await page.locator('.sidebar').isVisible(), false, 'no navigation in print');
    assert.equal(await page.getByTestId('print-report').isVisible(), false, 'no buttons in print');
    await page.locator('[data-testid="chart-radar"] canvas').waitFor();
    await shot('assessment-09-print-media');
    const pdfPath = join(SCREENSHOTS, 'assessment-report.pdf');
    await page.pdf({ path: pdfPath, format: 'A4', printBackground: true });
    await page.emulateMedia({ media: 'screen' });
    const pdf = readFileSync(pdfPath);
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    assert.ok(pages >= 1, `the PDF has ${pages} pages`);
    const r = (await apiCall('GET', `/assessments/${ids.assessment}/report`)).body as { overall: number };
    if (existsSync('/usr/bin/pdftotext')) {
      const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
      assert.ok(text.includes(pctVi(r.overall)), `the PDF says the overall score ${pctVi(r.overall)}`);
      assert.ok(text.includes(vi.assessment.report.contradictionsTitle), 'and the contradictions');
    }
    if (existsSync('/usr/bin/pdftoppm')) {
      for (const f of readdirSync(SCREENSHOTS).filter((n) => /^assessment-pdf-\d+\.png$/.test(n))) unlinkSync(join(SCREENSHOTS, f));
      execFileSync('pdftoppm', ['-png', '-r', '60', pdfPath, join(SCREENSHOTS, 'assessment-pdf')]);
      const pngs = readdirSync(SCREENSHOTS).filter((n) => /^assessment-pdf-\d+\.png$/.test(n));
      assert.equal(pngs.length, pages, 'one picture per page');
    }
  });

  step('the list shows the assessment with its progress and overall score; no errors on the way', async () => {
    await page.getByRole('link', { name: vi.nav.assessments, exact: true }).click();
    const row = page.getByTestId('assessment-row').filter({ hasText: NAME });
    await row.waitFor();
    const text = await row.innerText();
    // Three handed in; the adviser has not answered yet.
    assert.match(text, new RegExp(fill(vi.assessment.submittedOf, { submitted: 3, total: 4 })));
    const r = (await apiCall('GET', `/assessments/${ids.assessment}/report`)).body as { overall: number };
    assert.ok(text.includes(pctVi(r.overall)));
    // Two health checks with scores: the overall over time is drawn.
    await page.locator('[data-testid="chart-history-qci"] canvas').waitFor();
    await page.getByTestId('card-history-qci').scrollIntoViewIfNeeded();
    await shot('assessment-10-list');
    await page.getByRole('link', { name: vi.assessment.frameworks.link }).click();
    await page.getByRole('heading', { name: vi.assessment.frameworks.title, level: 1 }).waitFor();
    await page.locator('[data-framework="qci"]').waitFor();
    await accessible('frameworks');
    await shot('assessment-11-frameworks');
  });

  step('a copy of the IDIC framework, edited: a practice weighs twice and another is removed', async () => {
    await page.locator('[data-framework="idic"]').getByTestId('copy-framework').click();
    const copy = page.getByTestId('framework').filter({ hasText: vi.assessment.frameworks.custom });
    await copy.waitFor();
    const key = (await copy.getAttribute('data-framework'))!;
    await copy.getByTestId('edit-framework').click();
    const edits = copy.getByTestId('practice-edit');
    await edits.first().waitFor();
    await edits.nth(0).getByLabel(vi.assessment.frameworks.practiceWeight).fill('2');
    await edits.nth(1).getByLabel(vi.assessment.frameworks.removePractice).check();
    await accessible('framework editor');
    await shot('assessment-12-framework-edit');
    await copy.getByTestId('save-framework').click();
    await copy.getByTestId('framework-editor').waitFor({ state: 'detached' });
    const f = (await apiCall('GET', `/assessment/frameworks/${key}?lang=vi`)).body as {
      custom: boolean;
      areas: { practices: { id: string; weight: number }[] }[];
    };
    const original = (await apiCall('GET', '/assessment/frameworks/idic?lang=vi')).body as { areas: { practices: { id: string }[] }[] };
    const first = original.areas[0]!.practices;
    assert.equal(f.custom, true);
    assert.equal(f.areas[0]!.practices.find((p) => p.id === first[0]!.id)?.weight, 2);
    assert.equal(
      f.areas[0]!.practices.some((p) => p.id === first[1]!.id),
      false,
      'the second practice is removed',
    );
    assert.deepEqual(pageErrors, []);
  });
});
