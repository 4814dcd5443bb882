/**
 * The alarm chain every metric-filter control walks (baseline-controls.md §5): trail ->
 * CloudWatchLogsLogGroupArn -> `aws logs describe-metric-filters` (pattern) -> metric ->
 * `aws cloudwatch describe-alarms` (enabled, SNS action) -> `aws sns list-subscriptions-by-topic`
 * (a confirmed subscription). The first broken link is the FAIL.
 * Metric filters: https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/MonitoringPolicyExamples.html
 */
import { parsePolicy } from '../policy/parse.js';
import { fail, pass, perResource, unknownFrom } from './define.js';
import { canonicalPattern } from './filter-pattern.js';
import { asArray, type BaselineInput, cite, isObject, jsonPath, lookup } from './input.js';
import type { TrailView } from './trails.js';
import type { Evidence, Verdict } from './types.js';

/** `arn:aws:logs:REGION:ACCOUNT:log-group:NAME:*` -> NAME and REGION. */
export function logGroupOf(arn: string): { name: string; region?: string } | undefined {
  const m = /^arn:[^:]+:logs:([^:]*):[^:]*:log-group:(.+?)(?::\*)?$/.exec(arn);
  return m ? { name: m[2], region: m[1] || undefined } : undefined;
}

export function isSnsArn(a: unknown): a is string {
  return typeof a === 'string' && /^arn:[^:]+:sns:/.test(a);
}

/** SNS topics with a confirmed subscription (SubscriptionArn is an ARN, not PendingConfirmation). */
export function confirmedTopic(
  input: BaselineInput,
  topic: string,
): { ok: boolean; evidence: Evidence[]; why?: Verdict } {
  const s = perResource(input, 'sns list-subscriptions-by-topic', topic);
  if (s.state !== 'present') return { ok: false, evidence: [], why: unknownFrom(s) };
  const subs = asArray(isObject(s.data) ? s.data.Subscriptions : undefined);
  // A template shows a configured subscription; its confirmation happens after deployment.
  const counts = (x: unknown) =>
    isObject(x) &&
    ((typeof x.SubscriptionArn === 'string' && x.SubscriptionArn.startsWith('arn:')) ||
      (input.source === 'template' && typeof x.Endpoint === 'string' && x.Endpoint !== ''));
  const i = subs.findIndex(counts);
  return i >= 0
    ? { ok: true, evidence: [cite(s.record, `${s.path}.Subscriptions[${i}].SubscriptionArn`)] }
    : { ok: false, evidence: [cite(s.record, `${s.path}.Subscriptions`)] };
}

/**
 * Walks the chain from a trail for one of the accepted patterns. `label` names the alarm in messages.
 */
export function alarmChain(
  input: BaselineInput,
  trail: TrailView,
  accepted: string[],
  label: string,
): Verdict {
  const ev: Evidence[] = [cite(trail.record, `${trail.path}.CloudWatchLogsLogGroupArn`)];
  const group = logGroupOf(String(trail.data.CloudWatchLogsLogGroupArn ?? ''));
  if (!group) return fail(`trail ${trail.name} delivers to no CloudWatch Logs log group`, ev);
  const f = lookup(input, 'logs describe-metric-filters', group.region);
  if (f.state !== 'present')
    return f.state === 'notFound' ? fail(`no metric filters (${f.code})`, ev) : unknownFrom(f);
  const wanted = new Set(accepted.map((p) => canonicalPattern(p)));
  const filters = asArray(isObject(f.data) ? f.data.metricFilters : undefined);
  const matching = filters
    .map((x, i) => ({ x, i }))
    .filter(
      ({ x }) =>
        isObject(x) &&
        x.logGroupName === group.name &&
        wanted.has(canonicalPattern(String(x.filterPattern ?? '')) ?? '\u0000'),
    );
  if (matching.length === 0)
    return fail(`no metric filter on log group ${group.name} has the ${label} pattern`, [
      ...ev,
      cite(f.record, '$.metricFilters'),
    ]);
  const a = lookup(input, 'cloudwatch describe-alarms', group.region);
  if (a.state !== 'present') return a.state === 'notFound' ? fail('no alarms', ev) : unknownFrom(a);
  const alarms = asArray(isObject(a.data) ? a.data.MetricAlarms : undefined);
  let pending: Verdict | undefined;
  for (const { x, i } of matching) {
    const filter = x as Record<string, unknown>;
    const fev = cite(f.record, jsonPath('metricFilters', i));
    for (const t of asArray(filter.metricTransformations)) {
      if (!isObject(t)) continue;
      const ai = alarms.findIndex(
        (al) => isObject(al) && al.MetricName === t.metricName && al.Namespace === t.metricNamespace,
      );
      if (ai < 0) {
        pending ??= fail(
          `no alarm on metric ${String(t.metricNamespace)}/${String(t.metricName)} (${label})`,
          [...ev, fev, cite(a.record, '$.MetricAlarms')],
        );
        continue;
      }
      const alarm = alarms[ai] as Record<string, unknown>;
      const aev = cite(a.record, jsonPath('MetricAlarms', ai));
      if (alarm.ActionsEnabled === false) {
        pending ??= fail(`alarm ${String(alarm.AlarmName)} has its actions disabled`, [...ev, fev, aev]);
        continue;
      }
      const topics = asArray(alarm.AlarmActions).filter(isSnsArn);
      if (topics.length === 0) {
        pending ??= fail(`alarm ${String(alarm.AlarmName)} notifies no SNS topic`, [...ev, fev, aev]);
        continue;
      }
      for (const topic of topics) {
        const c = confirmedTopic(input, topic);
        const sub = input.source === 'template' ? 'subscription configured' : 'confirmed subscription';
        if (c.ok)
          return pass(
            `${label}: filter ${String(filter.filterName ?? '')} -> alarm ${String(alarm.AlarmName)} -> ${topic} (${sub})`,
            [...ev, fev, aev, ...c.evidence],
          );
        pending ??=
          c.why ??
          fail(`topic ${topic} of alarm ${String(alarm.AlarmName)} has no confirmed subscription`, [
            ...ev,
            fev,
            aev,
            ...c.evidence,
          ]);
      }
    }
  }
  return pending ?? fail(`the ${label} metric filter has no metric transformation`, ev);
}

/**
 * Does a topic policy let a service publish (e.g. budgets.amazonaws.com, events.amazonaws.com)?
 * Decided by the evaluator on `aws sns get-topic-attributes` Attributes.Policy.
 */
export function topicLetsServicePublish(
  input: BaselineInput,
  topic: string,
  service: string,
): { ok?: boolean; evidence: Evidence[]; why?: string } {
  const t = perResource(input, 'sns get-topic-attributes', topic);
  if (t.state !== 'present')
    return {
      evidence: [],
      why: t.state === 'missing' ? `the export \`aws ${t.key}\` is missing` : `recorded ${t.code}`,
    };
  const attrs = isObject(t.data) && isObject(t.data.Attributes) ? t.data.Attributes : undefined;
  const raw = attrs?.Policy;
  const ev = [cite(t.record, `${t.path}.Attributes.Policy`)];
  if (raw === undefined) return { ok: false, evidence: ev };
  const { policy, issues } = parsePolicy(typeof raw === 'string' ? raw : JSON.stringify(raw));
  if (!policy || issues.length > 0) return { evidence: ev, why: 'the topic policy is not a valid policy' };
  const account = /^arn:[^:]+:sns:[^:]*:(\d{12}):/.exec(topic)?.[1];
  const r = input.oracle.decide({
    principal: service,
    action: 'sns:Publish',
    resource: topic,
    context: { 'aws:SourceAccount': account ?? '' },
    resourceAccount: account,
    resourcePolicy: { name: 'topic policy', document: policy },
  });
  return { ok: r.decision === 'Allowed', evidence: ev };
}
