/**
 * An account snapshot (src/sources/account) as the baseline's input: its side exports keyed by AWS
 * CLI command, the credential report and aliases as the exports they came from, and the IAM model
 * of the audited account.
 */
import type { AccountSnapshot } from '../sources/account/index.js';
import { iamFromAccount, pathOf } from './iam.js';
import type { BaselineInput, EscalationInput, ExportRecord } from './input.js';

export interface SnapshotOptions {
  /** The account to audit (default: the snapshot's only, or first, account). */
  account?: string;
  now?: Date;
  escalation?: EscalationInput;
}

/** The account ids of a snapshot, for a `--account` choice. */
export function snapshotAccounts(s: AccountSnapshot): string[] {
  return s.accounts.map((a) => a.id);
}

export function inputFromSnapshot(s: AccountSnapshot, options: SnapshotOptions = {}): BaselineInput {
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
  };
}
