/**
 * HYD-SNS-TOPIC: the alert topic (the SNS target of the account's alarms; seed littleNotify with an
 * e-mail subscriber) has a confirmed subscription.
 */
import { confirmedTopic, isSnsArn } from '../alarms.js';
import { defineControl, fail, pass, unknown, unknownFrom } from '../define.js';
import { asArray, type BaselineInput, isObject, lookup } from '../input.js';
import type { Evidence, Verdict } from '../types.js';

/** SNS topics the account's alarms notify, else every topic the subscriptions export lists. */
export function alertTopics(input: BaselineInput): string[] {
  const a = lookup(input, 'cloudwatch describe-alarms');
  const fromAlarms =
    a.state === 'present' && isObject(a.data)
      ? asArray(a.data.MetricAlarms).flatMap((x) =>
          isObject(x) ? asArray(x.AlarmActions).filter(isSnsArn) : [],
        )
      : [];
  if (fromAlarms.length > 0) return [...new Set(fromAlarms)];
  const s = lookup(input, 'sns list-subscriptions-by-topic');
  return s.state === 'present' && isObject(s.data) ? Object.keys(s.data) : [];
}

export default defineControl(
  {
    id: 'HYD-SNS-TOPIC',
    title: 'The alert topic has a confirmed subscription',
    section: 'alerting',
    exports: ['sns list-subscriptions-by-topic', 'cloudwatch describe-alarms'],
  },
  (input) => {
    const s = lookup(input, 'sns list-subscriptions-by-topic');
    if (s.state !== 'present') return unknownFrom(s);
    const topics = alertTopics(input);
    if (topics.length === 0)
      return fail('no alert topic: no alarm notifies an SNS topic and no topic is listed');
    const ev: Evidence[] = [];
    let why: Verdict | undefined;
    for (const t of topics) {
      const c = confirmedTopic(input, t);
      if (c.ok && input.source === 'template') {
        return unknown(
          `${t} has a subscription; a template cannot show that it is confirmed (the recipient confirms after deployment)`,
          c.evidence,
        );
      }
      if (c.ok) return pass(`${t} has a confirmed subscription`, c.evidence);
      ev.push(...c.evidence);
      why ??= c.why;
    }
    return ev.length > 0
      ? fail(`no confirmed subscription on ${topics.join(', ')}`, ev)
      : (why ?? unknown('no subscriptions listed'));
  },
);
