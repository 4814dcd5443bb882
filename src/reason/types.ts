/** The reasoner's public result types (what the proof commands and report/reason.ts read). */
import type { Deadline } from './deadline.js';
import type { ConcreteRequest } from './query.js';

/** A query the reasoner cannot answer at all (as opposed to UNKNOWN for one instance). */
export class UnsupportedQueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedQueryError';
  }
}

export type PolicyType =
  | 'IDENTITY_POLICY'
  | 'RESOURCE_POLICY'
  | 'SERVICE_CONTROL_POLICY'
  | 'RESOURCE_CONTROL_POLICY';

export interface CheckReason {
  description: string;
  statementIndex: number;
  statementId?: string;
}

export interface CheckResult {
  result: 'PASS' | 'FAIL' | 'UNKNOWN';
  message: string;
  reasons: CheckReason[];
  counterexample?: {
    request: ConcreteRequest;
    /** Every principal's account, when a policy set fixed it (checks over policy sets). */
    principalAccount?: string;
    resourceAccount?: string;
    decision: string;
    existingPolicyDecision?: string;
  };
  /** Why no answer could be given (solver timeout or crash, abstraction too large, approximation). */
  unknown?: { reason: string; query: string; policies: string[] };
}

export interface ReasonOptions {
  /**
   * Time limit for the whole check in milliseconds: compiling the policies, encoding, solving and
   * replay; past it the answer is UNKNOWN. Without it (library calls) only each solver call is
   * limited, to 10 000 ms. The CLI always sets it (`--timeout`, default 10 000).
   */
  timeoutMs?: number;
  /**
   * A time limit that started earlier (the CLI starts it before reading the policies, so the
   * limit covers the whole command); overrides `timeoutMs` as the deadline.
   */
  deadline?: Deadline;
}
