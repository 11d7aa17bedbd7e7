import { randomBytes } from 'node:crypto';
import { AppError, invalid, notFound, type FieldIssue } from '@kith/domain/errors.ts';
import { frameworkProblems, practicesOf, SCALE, SCREENS, type Framework, type Localised } from '@kith/domain/assessment/framework.ts';
import { shippedFramework, FRAMEWORKS } from '@kith/domain/assessment/frameworks.ts';
import type { FrameworkEditBody, FrameworkView } from '@kith/domain/assessment/assessment.api.ts';
import { labelLocale } from '@kith/domain/labels/enums.ts';
import type { z } from 'zod';
import type { Core } from '../../core.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { readJson } from '../../platform/db/column-types.ts';
import { uuidv7 } from '../../platform/db/ids.ts';
import { authorize } from '../../platform/records/visibility.ts';
import { recordAudit } from '../../platform/audit/audit.repository.ts';
import { customFramework, customFrameworks, deleteCustomFramework, insertCustomFramework, localeOf, updateCustomFramework } from './assessment.repository.ts';

/** A framework as an assessment uses it: the shipped one, or the workspace's copy. */
export type ResolvedFramework = { framework: Framework; custom: boolean; baseKey: string };

export const pick = (l: Localised, lang: string): string => (labelLocale(lang) === 'en' ? l.en : l.vi) || l.vi || l.en;

/** The caller's language for texts: `?lang=`, else their profile's, else the workspace's. */
export async function langOf(core: Core, actor: Actor, lang?: string): Promise<'vi' | 'en'> {
  return labelLocale(lang ?? (await localeOf(core.db, actor.workspaceId, actor.userId)));
}

export function frameworkView(r: ResolvedFramework, lang: string): FrameworkView {
  const f = r.framework;
  return {
    key: f.key,
    version: f.version,
    name: pick(f.name, lang),
    description: pick(f.description, lang),
    source: pick(f.source, lang),
    custom: r.custom,
    baseKey: r.custom ? r.baseKey : null,
    areas: f.areas.map((a) => ({
      key: a.key,
      name: pick(a.name, lang),
      summary: pick(a.summary, lang),
      weight: a.weight,
      subComponents: a.subComponents.map((s) => ({ key: s.key, name: pick(s.name, lang), ownBreakdown: s.ownBreakdown === true })),
      practices: a.subComponents.flatMap((s) =>
        s.practices.map((p) => ({
          id: p.id,
          text: pick(p.text, lang),
          subComponent: s.key,
          intention: pick(p.intention, lang),
          reality: pick(p.reality, lang),
          weight: p.weight,
          indicators: [...p.indicators],
          actions: p.actions.map((x) => ({ kind: x.kind, text: pick(x.text, lang), screen: x.screen, path: SCREENS[x.screen] })),
        })),
      ),
    })),
    scale: { intention: SCALE.intention.map((l) => pick(l, lang)), reality: SCALE.reality.map((l) => pick(l, lang)) },
  };
}

export async function resolveFramework(core: Core, workspaceId: string, key: string): Promise<ResolvedFramework | null> {
  const shipped = shippedFramework(key);
  if (shipped) return { framework: shipped, custom: false, baseKey: shipped.key };
  const row = await customFramework(core.db, workspaceId, key);
  if (!row) return null;
  const framework = readJson<Framework>(row.definition, null as never);
  return { framework: { ...framework, key: row.key, version: row.version }, custom: true, baseKey: row.base_key };
}

export async function listFrameworks(core: Core, actor: Actor, lang?: string): Promise<FrameworkView[]> {
  authorize(actor, 'assessments.read');
  const l = await langOf(core, actor, lang);
  const own = await customFrameworks(core.db, actor.workspaceId);
  return [
    ...FRAMEWORKS.map((f) => frameworkView({ framework: f, custom: false, baseKey: f.key }, l)),
    ...own.map((r) =>
      frameworkView(
        { framework: { ...readJson<Framework>(r.definition, null as never), key: r.key, version: r.version }, custom: true, baseKey: r.base_key },
        l,
      ),
    ),
  ];
}

export async function getFramework(core: Core, actor: Actor, key: string, lang?: string): Promise<FrameworkView> {
  authorize(actor, 'assessments.read');
  const r = await resolveFramework(core, actor.workspaceId, key);
  if (!r) throw notFound('Framework');
  return frameworkView(r, await langOf(core, actor, lang));
}

/** Copy a framework (shipped or the workspace's own) into the workspace under a new key. */
export async function copyFramework(core: Core, actor: Actor, key: string, name: Partial<Localised> | undefined): Promise<FrameworkView> {
  authorize(actor, 'assessments.manage');
  const r = await resolveFramework(core, actor.workspaceId, key);
  if (!r) throw notFound('Framework');
  const newKey = `${r.baseKey}_${randomBytes(4).toString('hex')}`.slice(0, 40);
  const copied: Framework = {
    ...r.framework,
    key: newKey,
    version: 1,
    name: {
      vi: name?.vi ?? `${r.framework.name.vi} (bản của chúng tôi)`,
      en: name?.en ?? `${r.framework.name.en} (our copy)`,
    },
  };
  const at = core.now().toISOString();
  await core.db.transaction().execute(async (trx) => {
    await insertCustomFramework(trx, {
      id: uuidv7(),
      workspaceId: actor.workspaceId,
      key: newKey,
      baseKey: r.baseKey,
      version: 1,
      definition: JSON.stringify(copied),
      createdBy: actor.userId,
      at,
    });
    await recordAudit(
      trx,
      {
        workspaceId: actor.workspaceId,
        actorUserId: actor.userId,
        actorTokenId: actor.tokenId,
        action: 'create',
        entityType: 'assessment_framework',
        entityId: null,
        after: { key: newKey, from: key },
      },
      core.now(),
    );
  });
  return frameworkView({ framework: copied, custom: true, baseKey: r.baseKey }, await langOf(core, actor));
}

/** Edit the workspace's copy: name, area weights, practice texts and weights, practices removed. A new version. */
export async function editFramework(core: Core, actor: Actor, key: string, body: z.output<typeof FrameworkEditBody>, lang?: string): Promise<FrameworkView> {
  authorize(actor, 'assessments.manage');
  if (shippedFramework(key)) throw new AppError('conflict', 'A shipped framework cannot be edited; copy it first');
  const row = await customFramework(core.db, actor.workspaceId, key);
  if (!row) throw notFound('Framework');
  const f = readJson<Framework>(row.definition, null as never);
  const issues: FieldIssue[] = [];
  const areaWeights = new Map<string, number>();
  body.areas?.forEach((a, i) => {
    if (!f.areas.some((x) => x.key === a.key)) issues.push({ path: ['areas', i, 'key'], message: `No area "${a.key}" in this framework` });
    areaWeights.set(a.key, a.weight);
  });
  const ids = new Set(practicesOf(f).map((p) => p.practice.id));
  const edits = new Map<string, NonNullable<typeof body.practices>[number]>();
  body.practices?.forEach((p, i) => {
    if (!ids.has(p.id)) issues.push({ path: ['practices', i, 'id'], message: `No practice "${p.id}" in this framework` });
    else if (edits.has(p.id)) issues.push({ path: ['practices', i, 'id'], message: 'The same practice twice' });
    edits.set(p.id, p);
  });
  if (issues.length) throw invalid(issues);
  const next: Framework = {
    ...f,
    name: { vi: body.name?.vi ?? f.name.vi, en: body.name?.en ?? f.name.en },
    areas: f.areas.map((a) => ({
      ...a,
      weight: areaWeights.get(a.key) ?? a.weight,
      subComponents: a.subComponents
        .map((s) => ({
          ...s,
          practices: s.practices.flatMap((p) => {
            const e = edits.get(p.id);
            if (!e) return [p];
            if (e.remove) return [];
            return [{ ...p, text: { vi: e.text?.vi ?? p.text.vi, en: e.text?.en ?? p.text.en }, weight: e.weight ?? p.weight }];
          }),
        }))
        .filter((s) => s.practices.length > 0),
    })),
  };
  const emptied = next.areas.findIndex((a) => a.subComponents.length === 0);
  if (emptied >= 0) throw invalid([{ path: ['practices'], message: `The area "${next.areas[emptied]?.key}" would have no practice left` }]);
  const problems = frameworkProblems({ ...next, key: next.key.replace(/[^a-z0-9_]/g, '_') });
  if (problems.length) throw invalid(problems.map((m) => ({ path: ['practices'], message: m })));
  const at = core.now().toISOString();
  await core.db.transaction().execute(async (trx) => {
    const ok = await updateCustomFramework(trx, actor.workspaceId, key, row.version, JSON.stringify(next), at);
    if (!ok) throw new AppError('conflict', 'The framework was changed meanwhile; reload and try again');
    await recordAudit(
      trx,
      {
        workspaceId: actor.workspaceId,
        actorUserId: actor.userId,
        actorTokenId: actor.tokenId,
        action: 'update',
        entityType: 'assessment_framework',
        entityId: row.id,
        before: { version: row.version },
        after: { version: row.version + 1, edits: body },
      },
      core.now(),
    );
  });
  return frameworkView({ framework: { ...next, version: row.version + 1 }, custom: true, baseKey: row.base_key }, await langOf(core, actor, lang));
}

export async function removeFramework(core: Core, actor: Actor, key: string): Promise<void> {
  authorize(actor, 'assessments.manage');
  if (shippedFramework(key)) throw new AppError('conflict', 'A shipped framework cannot be deleted');
  await core.db.transaction().execute(async (trx) => {
    if (!(await deleteCustomFramework(trx, actor.workspaceId, key))) throw notFound('Framework');
    await recordAudit(
      trx,
      {
        workspaceId: actor.workspaceId,
        actorUserId: actor.userId,
        actorTokenId: actor.tokenId,
        action: 'delete',
        entityType: 'assessment_framework',
        entityId: null,
        before: { key },
      },
      core.now(),
    );
  });
}
