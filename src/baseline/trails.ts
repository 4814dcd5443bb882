/**
 * CloudTrail as the exports show it: `aws cloudtrail describe-trails` (trailList[]), and per trail
 * (keyed by trail ARN, else name) `get-trail-status` and `get-event-selectors`.
 * https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_Trail.html
 */
import { perResource } from './define.js';
import {
  asArray,
  type BaselineInput,
  type ExportRecord,
  isObject,
  jsonPath,
  type Lookup,
  lookup,
} from './input.js';

export interface TrailView {
  data: Record<string, unknown>;
  record: ExportRecord;
  path: string;
  arn: string;
  name: string;
  status?: { data: Record<string, unknown>; record: ExportRecord; path: string };
  statusProblem?: string;
  selectors?: { data: Record<string, unknown>; record: ExportRecord; path: string };
  selectorsProblem?: string;
}

export type Trails = { trails: TrailView[] } | { lookup: Exclude<Lookup, { state: 'present' }> };

function perTrail(input: BaselineInput, command: string, arn: string, name: string) {
  const byArn = perResource(input, command, arn);
  return byArn.state === 'missing' ? perResource(input, command, name) : byArn;
}

export function trails(input: BaselineInput): Trails {
  const l = lookup(input, 'cloudtrail describe-trails');
  if (l.state !== 'present') return { lookup: l };
  const list = asArray(isObject(l.data) ? l.data.trailList : undefined);
  const out: TrailView[] = [];
  list.forEach((t, i) => {
    if (!isObject(t)) return;
    const arn = String(t.TrailARN ?? t.Name ?? '');
    const name = String(t.Name ?? arn);
    const view: TrailView = { data: t, record: l.record, path: jsonPath('trailList', i), arn, name };
    const s = perTrail(input, 'cloudtrail get-trail-status', arn, name);
    if (s.state === 'present' && isObject(s.data))
      view.status = { data: s.data, record: s.record, path: s.path };
    else
      view.statusProblem =
        s.state === 'present'
          ? 'not an object'
          : s.state === 'missing'
            ? `the export \`aws ${s.key}\` is missing`
            : `recorded ${s.code}`;
    const e = perTrail(input, 'cloudtrail get-event-selectors', arn, name);
    if (e.state === 'present' && isObject(e.data))
      view.selectors = { data: e.data, record: e.record, path: e.path };
    else
      view.selectorsProblem =
        e.state === 'present'
          ? 'not an object'
          : e.state === 'missing'
            ? `the export \`aws ${e.key}\` is missing`
            : `recorded ${e.code}`;
    out.push(view);
  });
  return { trails: out };
}

/** Management events with ReadWriteType in `rw` (basic selectors), or a Management advanced selector. */
export function logsManagementEvents(t: TrailView, rw: string[], strict: boolean): boolean | undefined {
  if (!t.selectors) return undefined;
  const basic = asArray(t.selectors.data.EventSelectors);
  if (
    basic.some(
      (s) =>
        isObject(s) &&
        s.IncludeManagementEvents === true &&
        rw.includes(String(s.ReadWriteType ?? 'All')) &&
        (!strict || asArray(s.ExcludeManagementEventSources).length === 0),
    )
  ) {
    return true;
  }
  const advanced = asArray(t.selectors.data.AdvancedEventSelectors);
  return advanced.some((s) => {
    if (!isObject(s)) return false;
    const fields = asArray(s.FieldSelectors).filter(isObject);
    const category = fields.find((f) => f.Field === 'eventCategory');
    if (!category || !asArray(category.Equals).includes('Management')) return false;
    const ro = fields.find((f) => f.Field === 'readOnly');
    if (!ro) return true;
    if (strict) return false;
    // readOnly = false keeps write events only.
    return rw.includes('WriteOnly') && asArray(ro.Equals).includes('false');
  });
}
