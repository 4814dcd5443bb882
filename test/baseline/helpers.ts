/**
 * Snapshots for the baseline tests: the seed account (test/fixtures/baseline/seed) as a bundle value
 * that each test may change, and a "complete" variant that also meets every CIS control.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CIS_PATTERNS } from '../../src/baseline/filter-pattern.js';
import { type BaselineReport, runBaseline } from '../../src/baseline/index.js';
import type { EscalationInput } from '../../src/baseline/input.js';
import { engineOracle, inputFromSnapshot } from '../../src/pipelines/baseline/index.js';
import { commandKey, snapshotFromValue } from '../../src/sources/account/index.js';

export const FIXTURES = fileURLToPath(new URL('../fixtures/baseline', import.meta.url));
export const NOW = new Date('2026-12-04T07:00:00Z');
export const ACCOUNT = '111122223333';
export const TOPIC = `arn:aws:sns:us-east-1:${ACCOUNT}:littleNotify`;
export const TRAIL = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/ManagementEventsTrail`;
export const BUCKET = 'cloudtrail-management-bboq-prod-master';

// biome-ignore lint/suspicious/noExplicitAny: test bundles are free-form JSON
export type Bundle = Record<string, any>;

/** A snapshot directory as a bundle value (credential report decoded to CSV text). */
export function bundleOf(dir: string): Bundle {
  const b: Bundle = {};
  for (const f of readdirSync(join(FIXTURES, dir)).sort()) {
    if (f === 'resources') {
      b.resources = {};
      for (const r of readdirSync(join(FIXTURES, dir, f)).sort()) {
        b.resources[r.replace(/\.json$/, '')] = JSON.parse(readFileSync(join(FIXTURES, dir, f, r), 'utf8'));
      }
      continue;
    }
    const value = JSON.parse(readFileSync(join(FIXTURES, dir, f), 'utf8'));
    const name = f.replace(/\.json$/, '');
    if (name === 'iam-get-account-authorization-details') b.authorizationDetails = value;
    else if (name === 'iam-get-credential-report')
      b.credentialReport = Buffer.from(value.Content, 'base64').toString('utf8');
    else b[commandKey(name)!] = value;
  }
  return b;
}

export const seed = (): Bundle => bundleOf('seed');

/** Sets one credential report cell of a user. */
export function setCell(b: Bundle, user: string, column: string, value: string): void {
  const lines = (b.credentialReport as string).trimEnd().split('\n');
  const header = lines[0].split(',');
  const col = header.indexOf(column);
  if (col < 0) throw new Error(`no column ${column}`);
  b.credentialReport = `${lines
    .map((l) => {
      const cells = l.split(',');
      if (cells[0] !== user) return l;
      cells[col] = value;
      return cells.join(',');
    })
    .join('\n')}\n`;
}

export function managedPolicy(b: Bundle, name: string): Bundle {
  const p = b.authorizationDetails.Policies.find((x: Bundle) => x.PolicyName === name);
  return p.PolicyVersionList.find((v: Bundle) => v.IsDefaultVersion).Document;
}

export function role(b: Bundle, name: string): Bundle {
  return b.authorizationDetails.RoleDetailList.find((r: Bundle) => r.RoleName === name);
}

/** The seed account brought up to every CIS control as well. */
export function complete(): Bundle {
  const b = seed();
  Object.assign(b['iam get-account-password-policy'].PasswordPolicy, {
    MinimumPasswordLength: 14,
    PasswordReusePrevention: 24,
  });
  b['cloudtrail describe-trails'].trailList[0].KmsKeyId =
    `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
  b['cloudtrail get-event-selectors'][TRAIL].EventSelectors[0].ReadWriteType = 'All';
  b['s3api get-bucket-logging'][BUCKET] = {
    LoggingEnabled: { TargetBucket: 'access-logs-bboq-prod-master', TargetPrefix: 'trail/' },
  };
  role(b, 'littleAdmin').AttachedManagedPolicies.push({
    PolicyName: 'AWSSupportAccess',
    PolicyArn: 'arn:aws:iam::aws:policy/AWSSupportAccess',
  });
  const filters = b['logs describe-metric-filters'].metricFilters;
  const alarms = b['cloudwatch describe-alarms'].MetricAlarms;
  for (const [n, p] of Object.entries(CIS_PATTERNS)) {
    filters.push({
      filterName: `cis-${n}`,
      filterPattern: p.pattern,
      logGroupName: 'CloudTrailLogs',
      metricTransformations: [{ metricName: `Cis${n}`, metricNamespace: 'CISBenchmark', metricValue: '1' }],
    });
    alarms.push({ ...alarms[0], AlarmName: `cis-${n}`, MetricName: `Cis${n}`, Namespace: 'CISBenchmark' });
  }
  b['configservice describe-configuration-recorders'] = {
    ConfigurationRecorders: [
      {
        name: 'default',
        roleARN: `arn:aws:iam::${ACCOUNT}:role/config`,
        recordingGroup: { allSupported: true, includeGlobalResourceTypes: true },
      },
    ],
  };
  b['configservice describe-configuration-recorder-status'] = {
    ConfigurationRecordersStatus: [{ name: 'default', recording: true, lastStatus: 'SUCCESS' }],
  };
  b['kms describe-key'] = {
    '1234abcd-12ab-34cd-56ef-1234567890ab': {
      KeyMetadata: {
        KeyId: '1234abcd-12ab-34cd-56ef-1234567890ab',
        KeyManager: 'CUSTOMER',
        KeyState: 'Enabled',
        KeySpec: 'SYMMETRIC_DEFAULT',
      },
    },
  };
  b['kms get-key-rotation-status'] = { '1234abcd-12ab-34cd-56ef-1234567890ab': { KeyRotationEnabled: true } };
  return b;
}

export const ADMIN_ONLY_ESCALATION: EscalationInput = {
  escalating: [{ principal: `arn:aws:iam::${ACCOUNT}:role/littleware/account/user/littleAdmin` }],
};

export async function audit(
  b: Bundle,
  only?: string[],
  escalation?: EscalationInput,
): Promise<BaselineReport> {
  const s = snapshotFromValue(structuredClone(b), '<test snapshot>');
  return runBaseline(inputFromSnapshot(s, { now: NOW, escalation, oracle: engineOracle }), { only });
}

export function statuses(r: BaselineReport): Record<string, string> {
  const out: Record<string, string> = {};
  for (const x of r.results) {
    const k = x.subject ? `${x.id} ${x.subject}` : x.id;
    out[k] = x.status;
  }
  return out;
}
