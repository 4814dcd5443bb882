/**
 * HYD-ACCOUNT-ALIAS (seed 004: `<org>-<stage>-<purpose>`, e.g. bboq-prod-master) and HYD-TAGS
 * (seed: org, project, stack, stage, role on the trail and its bucket).
 */
import { defineControl, fail, pass, perResource, unknownFrom } from '../define.js';
import { asArray, cite, isObject, lookup } from '../input.js';
import { trails } from '../trails.js';
import type { Evidence } from '../types.js';
import { hydrateTrail } from './trail.js';

export const STAGES = ['dev', 'test', 'prod'];
export const TAG_KEYS = ['org', 'project', 'stack', 'stage', 'role'];

export function aliasHasStage(alias: string): boolean {
  return alias.split('-').some((seg) => STAGES.includes(seg));
}

export const alias = defineControl(
  {
    id: 'HYD-ACCOUNT-ALIAS',
    title: 'The account alias says its stage (dev, test or prod)',
    section: 'naming',
    exports: ['iam list-account-aliases'],
  },
  (input) => {
    const l = lookup(input, 'iam list-account-aliases');
    if (l.state !== 'present') return unknownFrom(l);
    const aliases = asArray(isObject(l.data) ? l.data.AccountAliases : undefined).map(String);
    if (aliases.length === 0) return fail('the account has no alias', [cite(l.record, '$.AccountAliases')]);
    const ok = aliases.find(aliasHasStage);
    return ok
      ? pass(`alias ${ok} names its stage`, [cite(l.record, '$.AccountAliases', aliases)])
      : fail(`alias ${aliases.join(', ')} has no dev, test or prod segment`, [
          cite(l.record, '$.AccountAliases', aliases),
        ]);
  },
);

function missingTags(tags: unknown[]): string[] {
  const have = new Map<string, string>();
  for (const t of tags) if (isObject(t)) have.set(String(t.Key), String(t.Value ?? ''));
  return TAG_KEYS.filter((k) => !have.get(k));
}

export const tags = defineControl(
  {
    id: 'HYD-TAGS',
    title: 'The trail and its bucket carry the tags org, project, stack, stage, role',
    section: 'naming',
    exports: ['cloudtrail describe-trails', 'cloudtrail list-tags', 's3api get-bucket-tagging'],
  },
  (input) => {
    const all = trails(input);
    if ('lookup' in all) return unknownFrom(all.lookup);
    const t = hydrateTrail(all.trails) ?? all.trails[0];
    if (!t) return fail('no trail to check the tags of');
    const problems: string[] = [];
    const ev: Evidence[] = [];
    const lt = lookup(input, 'cloudtrail list-tags');
    if (lt.state !== 'present') return unknownFrom(lt);
    const list = asArray(isObject(lt.data) ? lt.data.ResourceTagList : undefined);
    const i = list.findIndex((x) => isObject(x) && (x.ResourceId === t.arn || x.ResourceId === t.name));
    const trailTags = i >= 0 ? asArray((list[i] as Record<string, unknown>).TagsList) : [];
    ev.push(cite(lt.record, i >= 0 ? `$.ResourceTagList[${i}].TagsList` : '$.ResourceTagList'));
    const mt = missingTags(trailTags);
    if (mt.length) problems.push(`trail ${t.name} lacks ${mt.join(', ')}`);
    const bucket = String(t.data.S3BucketName ?? '');
    const bt = perResource(input, 's3api get-bucket-tagging', bucket);
    if (bt.state === 'notFound') problems.push(`bucket ${bucket} has no tags`);
    else if (bt.state !== 'present') return unknownFrom(bt);
    else {
      ev.push(cite(bt.record, `${bt.path}.TagSet`));
      const mb = missingTags(asArray(isObject(bt.data) ? bt.data.TagSet : undefined));
      if (mb.length) problems.push(`bucket ${bucket} lacks ${mb.join(', ')}`);
    }
    return problems.length > 0
      ? fail(problems.join('; '), ev)
      : pass(`trail ${t.name} and bucket ${bucket} carry ${TAG_KEYS.join(', ')}`, ev);
  },
);
