/**
 * An account snapshot (src/sources/account) as the baseline's input: its side exports keyed by AWS
 * CLI command, the credential report and aliases as the exports they came from, and the IAM model
 * of the audited account.
 */

import { isAwsManagedArn, pathOf } from '../../baseline/iam.js';
import type { Evidence, IamModel, IamPolicy } from '../../baseline/index.js';
import type { BaselineInput, EscalationInput, ExportRecord } from '../../baseline/input.js';
import type { Oracle } from '../../baseline/oracle.js';
import type { AccountDetails, AccountSnapshot, Origin, SnapshotPolicy } from '../../sources/account/index.js';

export interface SnapshotOptions {
  oracle: Oracle;
  /** The account to audit (default: the snapshot's only, or first, account). */
  account?: string;
  now?: Date;
  escalation?: EscalationInput;
}

/** The account ids of a snapshot, for a `--account` choice. */
export function snapshotAccounts(s: AccountSnapshot): string[] {
  return s.accounts.map((a) => a.id);
}

export function inputFromSnapshot(s: AccountSnapshot, options: SnapshotOptions): BaselineInput {
  const details = options.account ? s.accounts.find((a) => a.id === options.account) : s.accounts[0];
  if (options.account && !details) throw new Error(`the snapshot has no account ${options.account}`);
  const exports: ExportRecord[] = [];
  for (const [key, e] of s.exports) {
    const base = pathOf(e.path);
    exports.push({
      key,
      file: e.file,
      data: e.value,
      ...(base === '$' ? {} : { cite: (p: string) => ({ file: e.file, path: base + p.slice(1) }) }),
    });
  }
  if (s.credentialReport) {
    exports.push({
      key: 'iam get-credential-report',
      file: `${s.source} (credential report)`,
      data: s.credentialReport,
    });
  }
  if (details?.alias !== undefined && !s.exports.has('iam list-account-aliases')) {
    exports.push({
      key: 'iam list-account-aliases',
      file: `${s.source} (account aliases)`,
      data: { AccountAliases: [details.alias] },
    });
  }
  return {
    source: 'snapshot',
    target: s.source,
    now: options.now ?? new Date(),
    account: details?.id,
    exports,
    iam: details ? iamFromAccount(details) : undefined,
    escalation: options.escalation,
    oracle: options.oracle,
  };
}

const AD = 'iam get-account-authorization-details';

function originEvidence(o: Origin): Evidence {
  return { export: AD, file: o.file, path: pathOf(o.path) };
}

function fromSnapshotPolicy(p: SnapshotPolicy, kind: 'inline' | 'managed', arn?: string): IamPolicy {
  return {
    name: p.name,
    arn,
    kind,
    awsManaged: arn !== undefined && isAwsManagedArn(arn),
    document: p.document,
    raw: JSON.parse(p.document.text),
    evidence: originEvidence(p.origin),
  };
}

/** The model of one account of an account snapshot (src/sources/account). */
export function iamFromAccount(a: AccountDetails): IamModel {
  const managedRef = (arn: string, at: Evidence): IamPolicy => {
    const m = a.policies.get(arn);
    if (!m) {
      return {
        name: arn.slice(arn.lastIndexOf('/') + 1),
        arn,
        kind: 'managed',
        awsManaged: isAwsManagedArn(arn),
        problem: `the managed policy ${arn} is not in the snapshot`,
        evidence: at,
      };
    }
    return { ...fromSnapshotPolicy(m.defaultVersion, 'managed', arn), name: m.name };
  };
  const attached = (p: { attached: string[]; origin: Origin }) =>
    p.attached.map((arn) => managedRef(arn, { ...originEvidence(p.origin), value: arn }));
  const boundary = (arn: string | undefined, o: Origin) =>
    arn ? managedRef(arn, originEvidence(o)) : undefined;
  return {
    account: a.id,
    users: a.users.map((u) => ({
      name: u.name,
      arn: u.arn,
      path: u.path,
      groups: u.groups,
      inline: u.inline.map((p) => fromSnapshotPolicy(p, 'inline')),
      attached: attached(u),
      boundary: boundary(u.boundary, u.origin),
      evidence: originEvidence(u.origin),
    })),
    groups: a.groups.map((g) => ({
      name: g.name,
      arn: g.arn,
      path: g.path,
      inline: g.inline.map((p) => fromSnapshotPolicy(p, 'inline')),
      attached: attached(g),
      evidence: originEvidence(g.origin),
    })),
    roles: a.roles.map((r) => ({
      name: r.name,
      arn: r.arn,
      path: r.path,
      trust: r.trust.document,
      trustRaw: JSON.parse(r.trust.document.text),
      trustEvidence: originEvidence(r.trust.origin),
      inline: r.inline.map((p) => fromSnapshotPolicy(p, 'inline')),
      attached: attached(r),
      boundary: boundary(r.boundary, r.origin),
      evidence: originEvidence(r.origin),
    })),
    managed: [...a.policies.values()].map((m) => ({
      name: m.name,
      arn: m.arn,
      awsManaged: m.awsManaged,
      attachmentCount: m.attachmentCount,
      document: m.defaultVersion.document,
      raw: JSON.parse(m.defaultVersion.document.text),
      evidence: originEvidence(m.defaultVersion.origin),
    })),
  };
}
