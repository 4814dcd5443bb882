/**
 * HYD-ALARM-GUARDDUTY (seed guardDuty): an enabled detector, and an enabled EventBridge rule on
 * GuardDuty findings whose target is an SNS topic that lets events.amazonaws.com publish.
 * https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_findings_eventbridge.html
 */
import { isSnsArn, topicLetsServicePublish } from '../alarms.js';
import { defineControl, fail, pass, perResource, unknown, unknownFrom } from '../define.js';
import { asArray, cite, isObject, jsonPath, lookup } from '../input.js';
import type { Evidence } from '../types.js';

function patternOf(v: unknown): Record<string, unknown> | undefined {
  if (isObject(v)) return v;
  if (typeof v !== 'string') return undefined;
  try {
    const p = JSON.parse(v);
    return isObject(p) ? p : undefined;
  } catch {
    return undefined;
  }
}

export default defineControl(
  {
    id: 'HYD-ALARM-GUARDDUTY',
    title: 'GuardDuty is on and its findings notify the alert topic',
    section: 'alerting',
    exports: [
      'guardduty list-detectors',
      'guardduty get-detector',
      'events list-rules',
      'events list-targets-by-rule',
      'sns get-topic-attributes',
    ],
  },
  (input) => {
    const d = lookup(input, 'guardduty list-detectors');
    if (d.state !== 'present') return unknownFrom(d);
    const ids = asArray(isObject(d.data) ? d.data.DetectorIds : undefined).map(String);
    if (ids.length === 0)
      return fail('GuardDuty has no detector (DetectorIds is empty)', [cite(d.record, '$.DetectorIds')]);
    const ev: Evidence[] = [cite(d.record, '$.DetectorIds')];
    const enabled: string[] = [];
    for (const id of ids) {
      const g = perResource(input, 'guardduty get-detector', id);
      if (g.state !== 'present') return unknownFrom(g);
      ev.push(cite(g.record, `${g.path}.Status`));
      if (isObject(g.data) && g.data.Status === 'ENABLED') enabled.push(id);
    }
    if (enabled.length === 0) return fail('no GuardDuty detector is ENABLED', ev);
    const r = lookup(input, 'events list-rules');
    if (r.state !== 'present') return unknownFrom(r);
    const rules = asArray(isObject(r.data) ? r.data.Rules : undefined);
    let why: string | undefined;
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i];
      if (!isObject(rule) || rule.State !== 'ENABLED') continue;
      const p = patternOf(rule.EventPattern);
      if (
        !p ||
        !asArray(p.source).includes('aws.guardduty') ||
        !asArray(p['detail-type']).includes('GuardDuty Finding')
      )
        continue;
      const name = String(rule.Name);
      const rev = cite(r.record, jsonPath('Rules', i));
      const t = perResource(input, 'events list-targets-by-rule', name);
      if (t.state !== 'present') {
        why ??= t.state === 'missing' ? `the export \`aws ${t.key}\` is missing` : `recorded ${t.code}`;
        continue;
      }
      for (const target of asArray(isObject(t.data) ? t.data.Targets : undefined)) {
        if (!isObject(target) || !isSnsArn(target.Arn)) continue;
        const pub = topicLetsServicePublish(input, target.Arn, 'events.amazonaws.com');
        if (pub.ok)
          return pass(`detector ${enabled[0]} is enabled; rule ${name} sends findings to ${target.Arn}`, [
            ...ev,
            rev,
            cite(t.record, t.path),
            ...pub.evidence,
          ]);
        if (pub.ok === false)
          return fail(
            `rule ${name} targets ${target.Arn}, whose policy does not let events.amazonaws.com publish`,
            [...ev, rev, ...pub.evidence],
          );
        why ??= pub.why;
      }
    }
    return why
      ? unknown(why, ev)
      : fail('no enabled EventBridge rule sends GuardDuty findings to an SNS topic', [
          ...ev,
          cite(r.record, '$.Rules'),
        ]);
  },
);
