/**
 * The one generic function every check is a few lines over (Cedar's verifier in spirit): given
 * policies, the policy type they play, and a property phi over their decisions, is there a
 * request satisfying phi? verify owns the time limit, building the abstraction, the
 * well-formedness facts, solving, settling PASS / FAIL / UNKNOWN and the replayed counterexample.
 *
 * - implies (check-no-new-access):        phi = new allows AND NOT existing allows
 * - disjoint (check-access-not-granted):  phi = policy allows AND request in ACCESS
 * - never-allows (check-no-public-access): phi = policy allows AND request is public
 */
import { isAccountId, parseArn } from '../policy/arn.js';
import type { PolicyDocument } from '../policy/model.js';
import {
  Abstraction,
  label,
  type PolicyInput,
  type PolicyRole,
  principalOf,
  type StatementPlan,
} from './abstraction.js';
import { Deadline, DeadlineExceeded, NO_DEADLINE } from './deadline.js';
import { domain } from './domain.js';
import { and, type Formula } from './formula.js';
import { type ConcreteRequest, type Found, findRequest, replayPolicy, type SearchResult } from './query.js';
import type { CheckReason, CheckResult, ReasonOptions } from './types.js';
import { AbstractionTooLarge } from './witness.js';

export const DEFAULT_TIMEOUT_MS = 10_000;

export interface Verification {
  /** The question, as reported with UNKNOWN answers. */
  query: string;
  /** The policies; the first one's Allow statements are reported as the reasons of a FAIL. */
  policies: PolicyInput[];
  role: PolicyRole;
  resourceType?: string;
  /**
   * The property: registers its predicates on the abstraction (before classes are computed) and
   * returns how to build its formula (after). `owner` is the resource owner the replays use.
   */
  property: (abs: Abstraction, owner: string) => () => Formula;
  text: { pass: string; fail: string; existingDecision?: boolean };
}

/**
 * The check's deadline: the caller's (the CLI starts it before reading), else `timeoutMs` from
 * now; a library call with neither has no limit for the whole check (each solver call still
 * stops after DEFAULT_TIMEOUT_MS).
 */
export function startCheck(options: ReasonOptions): Deadline {
  if (options.deadline) return options.deadline;
  return options.timeoutMs !== undefined ? new Deadline(options.timeoutMs) : NO_DEADLINE;
}

/** True for the failures that mean "not decided" rather than a bug. */
export function isUndecided(error: unknown): error is AbstractionTooLarge | DeadlineExceeded {
  return error instanceof AbstractionTooLarge || error instanceof DeadlineExceeded;
}

export async function verify(v: Verification, options: ReasonOptions): Promise<CheckResult> {
  const deadline = startCheck(options);
  const docs = v.policies.map((p) => p.document);
  let abs: Abstraction | undefined;
  let result: SearchResult;
  let owner: string;
  try {
    abs = new Abstraction(v.policies, deadline);
    owner = abs.fresh(1);
    const facts = domain(abs, v.role, owner, v.resourceType);
    const phi = v.property(abs, owner);
    abs.finalize();
    result = await findRequest(abs, and(facts(), phi()), {
      resourceAccount: owner,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      deadline,
    });
  } catch (error) {
    if (isUndecided(error)) return unknown(abs, v.query, error.message, docs);
    throw error;
  }
  if (result.status === 'unknown') return unknown(abs, v.query, result.reason, docs);
  if (result.status === 'none') return { result: 'PASS', message: v.text.pass, reasons: [] };
  return {
    result: 'FAIL',
    message: v.text.fail,
    reasons: grantingStatements(abs, result, 0),
    counterexample: {
      ...counterexampleOf(abs, result, v.role, owner),
      ...(v.text.existingDecision ? { existingPolicyDecision: result.replays[1].decision } : {}),
    },
  };
}

function describePolicies(abs: Abstraction): string[] {
  return abs.policies.map((p, i) => p.document.file ?? p.name ?? `policy${i}`);
}

export function unknown(
  abs: Abstraction | undefined,
  query: string,
  reason: string,
  docs: PolicyDocument[],
): CheckResult {
  return {
    result: 'UNKNOWN',
    message: `The reasoner could not decide this check: ${reason}. This is not a PASS.`,
    reasons: [],
    unknown: {
      reason,
      query,
      policies: abs ? describePolicies(abs) : docs.map((d, i) => d.file ?? `policy${i}`),
    },
  };
}

/** Allow statements of policy `index` that the model satisfies. */
function grantingStatements(abs: Abstraction, found: Found, index: number): CheckReason[] {
  const out: CheckReason[] = [];
  for (const plan of abs.plans[index]) {
    if (plan.effect !== 'Allow') continue;
    const replayed = found.replays[index].matchedStatements.some(
      (m) => m.effect === 'Allow' && m.statement === label(plan.statement),
    );
    if (!replayed) continue;
    out.push(reason(plan));
  }
  return out;
}

function reason(plan: StatementPlan): CheckReason {
  const st = plan.statement;
  const sid = st.sid?.value;
  return {
    description: `Statement ${sid ? `'${sid}' ` : ''}at index ${st.index} grants the access.`,
    statementIndex: st.index,
    ...(sid !== undefined ? { statementId: sid } : {}),
  };
}

/**
 * The counterexample as a runnable scenario: the request, and the account the replay put the
 * resource in (the principal's own account for identity policies and SCPs, the analysed
 * resource's owner for resource policies), so `leastpriv simulate` reproduces the decision.
 * For identity policies and SCPs the principal is moved into the resource ARN's account when
 * the ARN names one and every replay still decides the same, so the example reads naturally.
 */
function counterexampleOf(abs: Abstraction, result: Found, role: PolicyRole, owner: string | undefined) {
  let request = result.request;
  if (role === 'identity' || role === 'scp') {
    const moved = movePrincipalToResourceAccount(request);
    if (
      moved &&
      abs.policies.every((_, i) => {
        const own = principalOf(moved.principal).account ?? owner ?? '';
        return replayPolicy(abs, i, moved, own).decision === result.replays[i].decision;
      })
    ) {
      request = moved;
    }
  }
  const own = role === 'identity' || role === 'scp' ? principalOf(request.principal).account : undefined;
  const resourceAccount = own ?? owner;
  return {
    request,
    ...(resourceAccount ? { resourceAccount } : {}),
    decision: result.replays[0].decision,
  };
}

/** The request with the principal's account (in its ARN and context values) replaced by the resource ARN's. */
function movePrincipalToResourceAccount(request: ConcreteRequest): ConcreteRequest | undefined {
  const from = principalOf(request.principal).account;
  const to = parseArn(request.resource)?.account;
  if (!from || !to || !isAccountId(to) || from === to) return undefined;
  const swap = (v: string) => v.split(from).join(to);
  const context: ConcreteRequest['context'] = {};
  for (const [k, v] of Object.entries(request.context)) {
    context[k] = Array.isArray(v)
      ? v.map((x) => (typeof x === 'string' ? swap(x) : x))
      : typeof v === 'string'
        ? swap(v)
        : v;
  }
  return { ...request, principal: swap(request.principal), context };
}
