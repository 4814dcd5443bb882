/**
 * HYD-ALARM-BUDGET (seed budgetAlarm): a COST budget with a notification whose SNS subscriber is an
 * alert topic that lets budgets.amazonaws.com publish; or an AWS/Billing EstimatedCharges alarm on
 * an alert topic. Per-budget exports are keyed by budget name.
 * https://docs.aws.amazon.com/cost-management/latest/userguide/budgets-sns-policy.html
 */
import { isSnsArn, topicLetsServicePublish } from '../alarms.js';
import { defineControl, fail, pass, perResource, unknown, unknownFrom } from '../define.js';
import { asArray, cite, isObject, jsonPath, lookup } from '../input.js';
import type { Evidence } from '../types.js';

export default defineControl(
  {
    id: 'HYD-ALARM-BUDGET',
    title: 'A cost budget (or billing alarm) notifies the alert topic',
    section: 'alerting',
    exports: [
      'budgets describe-budgets',
      'budgets describe-notifications-for-budget',
      'budgets describe-subscribers-for-notification',
      'sns get-topic-attributes',
      'cloudwatch describe-alarms',
    ],
  },
  (input) => {
    const ev: Evidence[] = [];
    const a = lookup(input, 'cloudwatch describe-alarms');
    if (a.state === 'present' && isObject(a.data)) {
      const alarms = asArray(a.data.MetricAlarms);
      const i = alarms.findIndex(
        (x) =>
          isObject(x) &&
          x.Namespace === 'AWS/Billing' &&
          x.MetricName === 'EstimatedCharges' &&
          x.ActionsEnabled !== false &&
          asArray(x.AlarmActions).some(isSnsArn),
      );
      if (i >= 0)
        return pass('an EstimatedCharges billing alarm notifies an SNS topic', [
          cite(a.record, jsonPath('MetricAlarms', i)),
        ]);
    }
    const b = lookup(input, 'budgets describe-budgets');
    if (b.state === 'notFound') return fail('no budget', [cite(b.record, '$.Error.Code', b.code)]);
    if (b.state !== 'present') return unknownFrom(b);
    const budgets = asArray(isObject(b.data) ? b.data.Budgets : undefined);
    const cost = budgets.map((x, i) => ({ x, i })).filter(({ x }) => isObject(x) && x.BudgetType === 'COST');
    if (cost.length === 0) return fail('no COST budget', [cite(b.record, '$.Budgets')]);
    let why: string | undefined;
    for (const { x, i } of cost) {
      const name = String((x as Record<string, unknown>).BudgetName);
      ev.push(cite(b.record, jsonPath('Budgets', i)));
      const n = perResource(input, 'budgets describe-notifications-for-budget', name);
      if (n.state !== 'present') {
        why ??= n.state === 'missing' ? `the export \`aws ${n.key}\` is missing` : `recorded ${n.code}`;
        continue;
      }
      if (asArray(isObject(n.data) ? n.data.Notifications : undefined).length === 0) continue;
      const s = perResource(input, 'budgets describe-subscribers-for-notification', name);
      if (s.state !== 'present') {
        why ??= s.state === 'missing' ? `the export \`aws ${s.key}\` is missing` : `recorded ${s.code}`;
        continue;
      }
      const subs = asArray(isObject(s.data) ? s.data.Subscribers : undefined);
      for (const sub of subs) {
        if (!isObject(sub) || sub.SubscriptionType !== 'SNS' || !isSnsArn(sub.Address)) continue;
        const p = topicLetsServicePublish(input, sub.Address, 'budgets.amazonaws.com');
        if (p.ok)
          return pass(`budget ${name} notifies ${sub.Address}, whose policy lets AWS Budgets publish`, [
            ...ev,
            cite(n.record, n.path),
            cite(s.record, s.path),
            ...p.evidence,
          ]);
        if (p.ok === false)
          return fail(
            `budget ${name} notifies ${sub.Address}, but its policy does not let budgets.amazonaws.com publish`,
            [...ev, ...p.evidence],
          );
        why ??= p.why;
      }
    }
    return why ? unknown(why, ev) : fail('no COST budget notifies an SNS topic', ev);
  },
);
