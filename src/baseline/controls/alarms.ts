/**
 * The hydrate plan's alarms (seed rootAccountAlarm, iamAlarm) and the CIS CloudWatch.1-14 metric
 * filter controls, each walking the alarm chain from the trail (HYD ids: the HYD-TRAIL trail; CIS
 * ids: a multi-Region trail logging all management events).
 */

import { alarmChain } from '../alarms.js';
import type { Control } from '../define.js';
import { defineControl, fail, unknownFrom } from '../define.js';
import { CIS_PATTERNS, SEED_IAM_PATTERN } from '../filter-pattern.js';
import type { BaselineInput } from '../input.js';
import { logsManagementEvents, type TrailView, trails } from '../trails.js';
import type { Verdict } from '../types.js';
import { hydrateTrail } from './trail.js';

const CHAIN_EXPORTS = [
  'cloudtrail describe-trails',
  'logs describe-metric-filters',
  'cloudwatch describe-alarms',
  'sns list-subscriptions-by-topic',
];

function fromTrail(
  input: BaselineInput,
  pick: (ts: TrailView[]) => TrailView | undefined,
  what: string,
  walk: (t: TrailView) => Verdict,
): Verdict {
  const all = trails(input);
  if ('lookup' in all) return unknownFrom(all.lookup);
  const t = pick(all.trails);
  if (!t) return fail(`no ${what} trail to alarm on`);
  return walk(t);
}

/** The CIS trail: multi-Region, logging, all management events. */
export function cisTrail(ts: TrailView[]): TrailView | undefined {
  return ts.find(
    (t) =>
      t.data.IsMultiRegionTrail === true &&
      t.status?.data.IsLogging === true &&
      logsManagementEvents(t, ['All'], true) === true,
  );
}

export const alarmIam = defineControl(
  {
    id: 'HYD-ALARM-IAM',
    title: 'An alarm on IAM policy changes notifies the alert topic',
    section: 'alerting',
    cis: { v120: '3.4', v140: '4.4', v300: '4.4' },
    securityHub: ['CloudWatch.4'],
    exports: CHAIN_EXPORTS,
  },
  (input) =>
    fromTrail(input, hydrateTrail, 'hydrate (HYD-TRAIL)', (t) =>
      alarmChain(input, t, [CIS_PATTERNS[4].pattern, SEED_IAM_PATTERN], 'IAM policy changes'),
    ),
);

export const alarmRoot = defineControl(
  {
    id: 'HYD-ALARM-ROOT',
    title: 'An alarm on root user activity notifies the alert topic',
    section: 'alerting',
    cis: { v120: '3.3', v140: '4.3', v300: '4.3' },
    securityHub: ['CloudWatch.1'],
    exports: CHAIN_EXPORTS,
  },
  (input) =>
    fromTrail(input, hydrateTrail, 'hydrate (HYD-TRAIL)', (t) =>
      alarmChain(input, t, [CIS_PATTERNS[1].pattern], 'root user activity'),
    ),
);

export const cisAlarmControls: Control[] = Object.entries(CIS_PATTERNS).map(([n, p]) =>
  defineControl(
    {
      id: `CIS-CW-${n}`,
      title: `A metric filter and alarm for ${p.title}`,
      section: 'alerting',
      cis: p.cis,
      securityHub: [`CloudWatch.${n}`],
      exports: CHAIN_EXPORTS,
    },
    (input) =>
      fromTrail(input, cisTrail, 'multi-Region all-management-events (CIS-CT-MULTIREGION)', (t) =>
        alarmChain(input, t, [p.pattern], p.title),
      ),
  ),
);
