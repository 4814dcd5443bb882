/** The CIS CloudTrail controls (section 2 of v1.2.0, 3 of v1.4.0/v3.0.0). */

import { dateCell, daysBetween } from '../credentials.js';
import type { Control } from '../define.js';
import { defineControl, fail, pass, perResource, unknown, unknownFrom } from '../define.js';
import { asArray, type BaselineInput, cite, isObject, lookup } from '../input.js';
import { logsManagementEvents, type TrailView, trails } from '../trails.js';
import type { Evidence, Verdict } from '../types.js';

const TRAIL_EXPORTS = [
  'cloudtrail describe-trails',
  'cloudtrail get-trail-status',
  'cloudtrail get-event-selectors',
];

/** Runs `each` on every trail: FAIL if any fails, UNKNOWN if any cannot tell, PASS otherwise; no trail FAILs. */
function everyTrail(input: BaselineInput, each: (t: TrailView) => Verdict): Verdict {
  const all = trails(input);
  if ('lookup' in all) return unknownFrom(all.lookup);
  if (all.trails.length === 0) return fail('the account has no trail');
  const vs = all.trails.map(each);
  const worst = vs.find((v) => v.status === 'FAIL') ?? vs.find((v) => v.status === 'UNKNOWN');
  if (worst) return { ...worst, evidence: vs.flatMap((v) => v.evidence) };
  return pass(
    vs.map((v) => v.message).join('; '),
    vs.flatMap((v) => v.evidence),
  );
}

export const multiRegion = defineControl(
  {
    id: 'CIS-CT-MULTIREGION',
    title: 'A multi-Region trail records all management events',
    section: 'logging',
    cis: { v120: '2.1', v140: '3.1', v300: '3.1' },
    securityHub: ['CloudTrail.1'],
    exports: TRAIL_EXPORTS,
  },
  (input) => {
    const all = trails(input);
    if ('lookup' in all) return unknownFrom(all.lookup);
    if (all.trails.length === 0) return fail('the account has no trail');
    let undecided: Verdict | undefined;
    const ev: Evidence[] = [];
    for (const t of all.trails) {
      ev.push(cite(t.record, t.path));
      if (t.data.IsMultiRegionTrail !== true) continue;
      if (!t.status) {
        undecided ??= unknown(`trail ${t.name}: status ${t.statusProblem}`, [cite(t.record, t.path)]);
        continue;
      }
      if (t.status.data.IsLogging !== true) continue;
      const m = logsManagementEvents(t, ['All'], true);
      if (m === undefined)
        undecided ??= unknown(`trail ${t.name}: event selectors ${t.selectorsProblem}`, [
          cite(t.record, t.path),
        ]);
      else if (m)
        return pass(`trail ${t.name} is multi-Region, logging, and records all management events`, [
          cite(t.record, t.path),
          cite(t.selectors!.record, t.selectors!.path),
        ]);
    }
    return (
      undecided ?? fail('no multi-Region, logging trail records all (read and write) management events', ev)
    );
  },
);

export const validation = defineControl(
  {
    id: 'CIS-CT-VALIDATION',
    title: 'Every trail validates its log files',
    section: 'logging',
    cis: { v120: '2.2', v140: '3.2', v300: '3.2' },
    securityHub: ['CloudTrail.4'],
    exports: ['cloudtrail describe-trails'],
  },
  (input) =>
    everyTrail(input, (t) =>
      t.data.LogFileValidationEnabled === true
        ? pass(`${t.name} validates log files`, [cite(t.record, `${t.path}.LogFileValidationEnabled`, true)])
        : fail(`${t.name} does not validate log files`, [
            cite(t.record, `${t.path}.LogFileValidationEnabled`, t.data.LogFileValidationEnabled ?? null),
          ]),
    ),
);

export const cwLogs = defineControl(
  {
    id: 'CIS-CT-CWLOGS',
    title: 'Every trail delivers to CloudWatch Logs (delivered within 24 hours)',
    section: 'logging',
    cis: { v120: '2.4', v140: '3.4' },
    securityHub: ['CloudTrail.5'],
    exports: ['cloudtrail describe-trails', 'cloudtrail get-trail-status'],
  },
  (input) =>
    everyTrail(input, (t) => {
      if (typeof t.data.CloudWatchLogsLogGroupArn !== 'string' || !t.data.CloudWatchLogsLogGroupArn) {
        return fail(`${t.name} has no CloudWatchLogsLogGroupArn`, [cite(t.record, t.path)]);
      }
      if (!t.status) return unknown(`${t.name}: status ${t.statusProblem}`, [cite(t.record, t.path)]);
      if (input.source === 'template') {
        return unknown(
          `${t.name} delivers to ${t.data.CloudWatchLogsLogGroupArn}; a template cannot show the last delivery`,
          [cite(t.record, t.path)],
        );
      }
      const d = dateCell(String(t.status.data.LatestCloudWatchLogsDeliveryTime ?? ''));
      const ev = [
        cite(
          t.status.record,
          `${t.status.path}.LatestCloudWatchLogsDeliveryTime`,
          t.status.data.LatestCloudWatchLogsDeliveryTime ?? null,
        ),
      ];
      if (!d) return fail(`${t.name} has never delivered to CloudWatch Logs`, ev);
      const hours = daysBetween(d, input.now) * 24;
      return hours < 24
        ? pass(`${t.name} delivered ${Math.max(0, Math.round(hours))} h ago`, ev)
        : fail(`${t.name} last delivered ${Math.round(hours)} h ago`, ev);
    }),
);

export const kms = defineControl(
  {
    id: 'CIS-CT-KMS',
    title: 'Every trail is encrypted with a KMS key',
    section: 'logging',
    cis: { v120: '2.7', v140: '3.7', v300: '3.5' },
    securityHub: ['CloudTrail.2'],
    exports: ['cloudtrail describe-trails'],
  },
  (input) =>
    everyTrail(input, (t) =>
      typeof t.data.KmsKeyId === 'string' && t.data.KmsKeyId
        ? pass(`${t.name} uses ${t.data.KmsKeyId}`, [cite(t.record, `${t.path}.KmsKeyId`)])
        : fail(`${t.name} has no KmsKeyId`, [cite(t.record, t.path)]),
    ),
);

const PUBLIC_GRANTEES = [
  'http://acs.amazonaws.com/groups/global/AllUsers',
  'http://acs.amazonaws.com/groups/global/AuthenticatedUsers',
];

export const bucketPrivate = defineControl(
  {
    id: 'CIS-CT-BUCKET-PRIVATE',
    title: 'The trail buckets are not public',
    section: 'logging',
    cis: { v120: '2.3', v140: '3.3' },
    securityHub: ['CloudTrail.6'],
    exports: ['cloudtrail describe-trails', 's3api get-bucket-acl', 's3api get-bucket-policy'],
  },
  (input) =>
    everyTrail(input, (t) => {
      const bucket = String(t.data.S3BucketName ?? '');
      const acl = perResource(input, 's3api get-bucket-acl', bucket);
      if (acl.state !== 'present') return unknownFrom(acl);
      const grants = asArray(isObject(acl.data) ? acl.data.Grants : undefined);
      const gi = grants.findIndex(
        (g) => isObject(g) && isObject(g.Grantee) && PUBLIC_GRANTEES.includes(String(g.Grantee.URI ?? '')),
      );
      if (gi >= 0)
        return fail(`bucket ${bucket} grants access to everyone by ACL`, [
          cite(acl.record, `${acl.path}.Grants[${gi}]`),
        ]);
      const pol = perResource(input, 's3api get-bucket-policy', bucket);
      if (pol.state === 'notFound')
        return pass(`bucket ${bucket}: private ACL, no bucket policy`, [cite(acl.record, acl.path)]);
      if (pol.state !== 'present') return unknownFrom(pol);
      let doc: unknown = isObject(pol.data) ? pol.data.Policy : undefined;
      if (typeof doc === 'string') {
        try {
          doc = JSON.parse(doc);
        } catch {
          return unknown(`bucket ${bucket}: the policy is not JSON`, [cite(pol.record, pol.path)]);
        }
      }
      const sts = isObject(doc) ? asArray(doc.Statement) : [];
      const open = sts.findIndex((s) => {
        if (!isObject(s) || s.Effect !== 'Allow' || s.Condition !== undefined) return false;
        const p = s.Principal;
        return p === '*' || (isObject(p) && (p.AWS === '*' || (Array.isArray(p.AWS) && p.AWS.includes('*'))));
      });
      if (open >= 0)
        return fail(`bucket ${bucket}: the policy allows * without a condition`, [
          cite(pol.record, `${pol.path}.Policy`),
        ]);
      return pass(`bucket ${bucket} is private`, [cite(acl.record, acl.path), cite(pol.record, pol.path)]);
    }),
);

export const bucketLogging = defineControl(
  {
    id: 'CIS-CT-BUCKET-LOGGING',
    title: 'The trail buckets have server access logging',
    section: 'logging',
    cis: { v120: '2.6', v140: '3.6', v300: '3.4' },
    securityHub: ['CloudTrail.7'],
    exports: ['cloudtrail describe-trails', 's3api get-bucket-logging'],
  },
  (input) =>
    everyTrail(input, (t) => {
      const bucket = String(t.data.S3BucketName ?? '');
      const l = perResource(input, 's3api get-bucket-logging', bucket);
      if (l.state !== 'present') return unknownFrom(l);
      return isObject(l.data) && isObject(l.data.LoggingEnabled)
        ? pass(`bucket ${bucket} logs access`, [cite(l.record, `${l.path}.LoggingEnabled`)])
        : fail(`bucket ${bucket} has no access logging`, [cite(l.record, l.path)]);
    }),
);

export const config = defineControl(
  {
    id: 'CIS-CONFIG',
    title: 'AWS Config records all resource types in every Region',
    section: 'logging',
    cis: { v120: '2.5', v140: '3.5', v300: '3.3' },
    securityHub: ['Config.1'],
    exports: [
      'configservice describe-configuration-recorders',
      'configservice describe-configuration-recorder-status',
    ],
  },
  (input) => {
    const recs = input.exports.filter((e) => e.key === 'configservice describe-configuration-recorders');
    if (recs.length === 0)
      return unknown('the export `aws configservice describe-configuration-recorders` is missing');
    const out: string[] = [];
    const ev: Evidence[] = [];
    for (const r of recs) {
      const where = r.region ?? 'the export';
      const list = asArray(isObject(r.data) ? r.data.ConfigurationRecorders : undefined);
      const ok = list.some(
        (x) => isObject(x) && isObject(x.recordingGroup) && x.recordingGroup.allSupported === true,
      );
      ev.push(cite(r, '$.ConfigurationRecorders'));
      if (!ok) {
        out.push(`${where}: no recorder records all supported types`);
        continue;
      }
      const st = lookup(input, 'configservice describe-configuration-recorder-status', r.region);
      if (st.state !== 'present') return unknownFrom(st);
      const recording = asArray(isObject(st.data) ? st.data.ConfigurationRecordersStatus : undefined).some(
        (x) => isObject(x) && x.recording === true,
      );
      if (!recording) out.push(`${where}: the recorder is not recording`);
    }
    return out.length > 0
      ? fail(out.join('; '), ev)
      : pass(`${recs.length} Region(s) record all resource types`, ev);
  },
);

export const kmsRotation = defineControl(
  {
    id: 'CIS-KMS-ROTATION',
    title: 'Customer managed symmetric KMS keys rotate',
    section: 'logging',
    cis: { v120: '2.8', v140: '3.8', v300: '3.6' },
    securityHub: ['KMS.4'],
    exports: ['kms describe-key', 'kms get-key-rotation-status'],
  },
  (input) => {
    const d = lookup(input, 'kms describe-key');
    if (d.state !== 'present') return unknownFrom(d);
    if (!isObject(d.data))
      return unknown('`aws kms describe-key` is not an object keyed by key id', [cite(d.record, '$')]);
    const bad: string[] = [];
    const ev: Evidence[] = [];
    let count = 0;
    for (const [id, v] of Object.entries(d.data)) {
      const m = isObject(v) && isObject(v.KeyMetadata) ? v.KeyMetadata : undefined;
      if (
        m?.KeyManager !== 'CUSTOMER' ||
        m.KeyState !== 'Enabled' ||
        (m.KeySpec ?? 'SYMMETRIC_DEFAULT') !== 'SYMMETRIC_DEFAULT'
      )
        continue;
      count++;
      const r = perResource(input, 'kms get-key-rotation-status', id);
      if (r.state !== 'present') return unknownFrom(r);
      if (!(isObject(r.data) && r.data.KeyRotationEnabled === true)) {
        bad.push(id);
        ev.push(cite(r.record, `${r.path}.KeyRotationEnabled`));
      }
    }
    return bad.length > 0
      ? fail(`keys without rotation: ${bad.join(', ')}`, ev)
      : pass(`${count} customer managed symmetric key(s), all rotating`);
  },
);

export const cisTrailControls: Control[] = [
  multiRegion,
  validation,
  cwLogs,
  kms,
  bucketPrivate,
  bucketLogging,
  config,
  kmsRotation,
];
