/**
 * HYD-TRAIL: the seed's cloudTrail stack. A trail that is multi-Region, includes global service
 * events, validates log files, is logging, delivers to CloudWatch Logs, and records management
 * write events (ReadWriteType WriteOnly or All).
 */
import { defineControl, fail, pass, unknown, unknownFrom } from '../define.js';
import { cite } from '../input.js';
import { logsManagementEvents, type TrailView, trails } from '../trails.js';
import type { Evidence } from '../types.js';

/** The reasons a trail falls short of the hydrate plan (undefined entries: cannot tell). */
export function hydrateTrailGaps(t: TrailView): { gaps: string[]; unknowns: string[]; evidence: Evidence[] } {
  const gaps: string[] = [];
  const unknowns: string[] = [];
  const evidence: Evidence[] = [cite(t.record, t.path)];
  for (const f of ['IsMultiRegionTrail', 'IncludeGlobalServiceEvents', 'LogFileValidationEnabled']) {
    if (t.data[f] !== true) {
      gaps.push(`${f} is ${JSON.stringify(t.data[f] ?? null)}`);
      evidence.push(cite(t.record, `${t.path}.${f}`, t.data[f] ?? null));
    }
  }
  if (typeof t.data.CloudWatchLogsLogGroupArn !== 'string' || t.data.CloudWatchLogsLogGroupArn === '')
    gaps.push('no CloudWatchLogsLogGroupArn');
  if (!t.status) unknowns.push(`trail status: ${t.statusProblem}`);
  else if (t.status.data.IsLogging !== true) {
    gaps.push('IsLogging is false');
    evidence.push(cite(t.status.record, `${t.status.path}.IsLogging`, t.status.data.IsLogging ?? null));
  }
  const mgmt = logsManagementEvents(t, ['WriteOnly', 'All'], false);
  if (mgmt === undefined) unknowns.push(`event selectors: ${t.selectorsProblem}`);
  else if (!mgmt) {
    gaps.push('no selector records management write events');
    if (t.selectors) evidence.push(cite(t.selectors.record, t.selectors.path));
  }
  return { gaps, unknowns, evidence };
}

/** The trail HYD controls build on: the first that meets the plan, else undefined. */
export function hydrateTrail(ts: TrailView[]): TrailView | undefined {
  return ts.find((t) => {
    const g = hydrateTrailGaps(t);
    return g.gaps.length === 0 && g.unknowns.length === 0;
  });
}

export default defineControl(
  {
    id: 'HYD-TRAIL',
    title: 'A multi-Region trail with log validation, CloudWatch Logs delivery and management write events',
    section: 'logging',
    exports: ['cloudtrail describe-trails', 'cloudtrail get-trail-status', 'cloudtrail get-event-selectors'],
  },
  (input) => {
    const all = trails(input);
    if ('lookup' in all) return all.lookup.state === 'notFound' ? fail('no trail') : unknownFrom(all.lookup);
    if (all.trails.length === 0)
      return fail('the account has no trail (trailList is empty)', [
        {
          export: 'cloudtrail describe-trails',
          file: input.exports.find((e) => e.key === 'cloudtrail describe-trails')!.file,
          path: '$.trailList',
        },
      ]);
    const results = all.trails.map((t) => ({ t, ...hydrateTrailGaps(t) }));
    const good = results.find((r) => r.gaps.length === 0 && r.unknowns.length === 0);
    if (good) return pass(`trail ${good.t.name} meets the plan`, good.evidence);
    const maybe = results.find((r) => r.gaps.length === 0);
    if (maybe) return unknown(`trail ${maybe.t.name}: ${maybe.unknowns.join('; ')}`, maybe.evidence);
    return fail(
      results.map((r) => `trail ${r.t.name}: ${r.gaps.join(', ')}`).join('; '),
      results.flatMap((r) => r.evidence),
    );
  },
);
