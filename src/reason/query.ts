/**
 * solve -> concretize -> replay, around ONE generic question: "is there a request for which the
 * formula phi over the policies' decisions holds?" Every query (implies, disjoint, never-allows,
 * external access) is a few lines over `findRequest`. A model becomes a concrete request (one
 * witness per position, a full context), which the concrete evaluator (src/evaluate) replays: the
 * decisions it reaches must be the ones the formula claims. A mismatch on an exact abstraction is
 * a bug and throws ReplayMismatchError; on an abstraction with free booleans (over-approximation)
 * the model is blocked and the solver asked again.
 */
import { evaluate } from '../evaluate/index.js';
import type { EvaluationResult, Scenario } from '../evaluate/types.js';
import type { ContextInput } from '../policy/context.js';
import type { PolicyDocument } from '../policy/model.js';
import { parsePolicyValue } from '../policy/parse.js';
import type { Abstraction, PositionInfo } from './abstraction.js';
import { principalOf } from './abstraction.js';
import { type Deadline, NO_DEADLINE } from './deadline.js';
import {
  type Assignment,
  and,
  evaluateFormula,
  type Formula,
  freeVar,
  hasVar,
  not,
  or,
  presentVar,
  singleVar,
  toSmt,
} from './formula.js';
import { solveBatch } from './solver.js';

export interface ConcreteRequest {
  principal: string;
  action: string;
  resource: string;
  context: ContextInput;
}

export class ReplayMismatchError extends Error {
  constructor(
    message: string,
    readonly request: ConcreteRequest,
  ) {
    super(message);
    this.name = 'ReplayMismatchError';
  }
}

export interface Found {
  status: 'found';
  request: ConcreteRequest;
  assignment: Assignment;
  /** The evaluator's result per policy of the abstraction. */
  replays: EvaluationResult[];
}

export type SearchResult = Found | { status: 'none' } | { status: 'unknown'; reason: string };

export interface SearchOptions {
  timeoutMs?: number;
  /** Owner account of the resource when a resource-based policy is replayed. */
  resourceAccount: string;
  /** Alternatives solved with one push/pop check each in a single round trip (default: "any of"). */
  batch?: boolean;
  /** Attempts to replace a spurious model (only when the abstraction has free booleans). */
  maxRefinements?: number;
  /** The check's time limit (encoding, solving and replay stop at it). */
  deadline?: Deadline;
  /**
   * How a model is replayed (default: each policy of the abstraction in the scenario its role
   * implies, see replayPolicy): the evaluator's results, and what the formula claimed that the
   * evaluator contradicts (undefined when every claim holds).
   */
  replay?: (request: ConcreteRequest, assignment: Assignment) => Replayed;
}

export interface Replayed {
  replays: EvaluationResult[];
  mismatch?: string;
}

/** The default replay: every policy of the abstraction alone, in the scenario its role implies. */
function replayEach(
  abs: Abstraction,
  request: ConcreteRequest,
  assignment: Assignment,
  resourceAccount: string,
): Replayed {
  const replays = abs.policies.map((_, i) => replayPolicy(abs, i, request, resourceAccount));
  const mismatch = abs.policies.findIndex(
    (_, i) => evaluateFormula(abs.allows(i), assignment) !== (replays[i].decision === 'Allowed'),
  );
  if (mismatch < 0) return { replays };
  return {
    replays,
    mismatch: `replay mismatch on policy ${mismatch}: the abstraction claims ${
      evaluateFormula(abs.allows(mismatch), assignment) ? 'Allowed' : 'not allowed'
    }, the evaluator says ${replays[mismatch].decision} for ${JSON.stringify(request)}`,
  };
}

const ALLOW_ALL = parsePolicyValue({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
});

function accountGrant(account: string): PolicyDocument {
  return parsePolicyValue({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: '*', Resource: '*' },
    ],
  });
}

/** SMT-LIB declarations and range facts for every variable of the abstraction. */
export function declarations(abs: Abstraction): string {
  const lines: string[] = [];
  for (const p of abs.info()) {
    if (p.multi) {
      lines.push(`(declare-const ${presentVar(p.index)} Bool)`);
      for (let c = 0; c < p.witnesses.length; c++) lines.push(`(declare-const ${hasVar(p.index, c)} Bool)`);
    } else {
      const v = singleVar(p.index);
      lines.push(`(declare-const ${v} Int)`, `(assert (and (>= ${v} 0) (< ${v} ${p.witnesses.length})))`);
    }
  }
  abs.freeReasons.forEach((_, i) => {
    lines.push(`(declare-const ${freeVar(i)} Bool)`);
  });
  return lines.join('\n');
}

export function decode(abs: Abstraction, model: Record<string, string>): Assignment {
  const infos = abs.info();
  const a: Assignment = { single: [], multi: [], free: [] };
  for (const p of infos) {
    if (p.multi) {
      a.single.push(undefined);
      a.multi.push({
        present: model[presentVar(p.index)] === 'true',
        has: p.witnesses.map((_, c) => model[hasVar(p.index, c)] === 'true'),
      });
    } else {
      const v = model[singleVar(p.index)];
      a.single.push(v === undefined ? 0 : Number(v));
      a.multi.push(undefined);
    }
  }
  a.free = abs.freeReasons.map((_, i) => model[freeVar(i)] === 'true');
  return a;
}

/** The formula that excludes exactly this assignment (used to refine after a spurious model). */
export function blocking(abs: Abstraction, a: Assignment): Formula {
  const parts: Formula[] = [];
  for (const p of abs.info()) {
    if (p.multi) {
      const m = a.multi[p.index]!;
      parts.push(m.present ? { k: 'present', pos: p.index } : not({ k: 'present', pos: p.index }));
      m.has.forEach((h, c) => {
        const f: Formula = { k: 'has', pos: p.index, cls: c };
        parts.push(h ? f : not(f));
      });
    } else parts.push({ k: 'in', pos: p.index, set: [a.single[p.index]!], size: p.witnesses.length + 1 });
  }
  a.free.forEach((v, i) => {
    parts.push(v ? { k: 'free', id: i } : not({ k: 'free', id: i }));
  });
  return not(and(...parts));
}

function positionValue(p: PositionInfo, a: Assignment, abs?: Abstraction): string | string[] | undefined {
  if (abs?.approximate.has(p.index) && a.single[p.index] === p.witnesses.length - 1) {
    return abs.approximateWitness(p.index, a.free) ?? (p.witnesses[0] as string);
  }
  if (p.multi) {
    const m = a.multi[p.index]!;
    if (!m.present) return undefined;
    return p.witnesses.filter((_, c) => m.has[c]) as string[];
  }
  return p.witnesses[a.single[p.index]!];
}

export function concretize(abs: Abstraction, a: Assignment): ConcreteRequest {
  const infos = abs.info();
  const get = (name: string) => {
    const p = infos.find((x) => x.name === name)!;
    return positionValue(p, a, abs) as string;
  };
  const context: ContextInput = {};
  for (const p of infos) {
    if (p.kind !== 'key') continue;
    const v = positionValue(p, a, abs);
    if (v !== undefined) context[abs.keySpelling.get(p.key!) ?? p.key!] = v;
  }
  return { principal: get('principal'), action: get('action'), resource: get('resource'), context };
}

/** Replays a request against one policy of the abstraction, in the scenario its role implies. */
export function replayPolicy(
  abs: Abstraction,
  index: number,
  request: ConcreteRequest,
  resourceAccount: string,
): EvaluationResult {
  const input = abs.policies[index];
  const ref = { name: input.name ?? `policy${index}`, document: input.document };
  const principal = principalOf(request.principal);
  const own = principal.account ?? resourceAccount;
  let scenario: Scenario;
  switch (input.role) {
    case 'identity':
      scenario = {
        request,
        resourceAccount: own,
        policies: {
          identity: [ref],
          resource: { name: 'leastpriv-account-grant', document: accountGrant(own) },
        },
      };
      break;
    case 'scp':
      scenario = {
        request,
        resourceAccount: own,
        policies: {
          identity: [{ name: 'leastpriv-allow-all', document: ALLOW_ALL }],
          resource: { name: 'leastpriv-account-grant', document: accountGrant(own) },
          scps: [[ref]],
        },
      };
      break;
    case 'resource':
    case 'rcp':
      // The requester's side allows everything, a federated user's session policy included (without
      // one a federated user has no permissions at all).
      scenario = {
        request,
        resourceAccount,
        policies: {
          identity: [{ name: 'leastpriv-allow-all', document: ALLOW_ALL }],
          ...(principal.kind === 'federatedUser'
            ? { sessionPolicy: { name: 'leastpriv-allow-all-session', document: ALLOW_ALL } }
            : {}),
          resource: ref,
        },
      };
      break;
  }
  return evaluate(scenario);
}

/**
 * The one generic search: a request satisfying `phi`, replayed through the evaluator. Extra
 * `checks` are alternatives solved in the same round trip (each with `phi`); the result array
 * follows them. Without `checks` the result has one element.
 */
export async function findRequests(
  abs: Abstraction,
  phi: Formula,
  checks: readonly Formula[] | undefined,
  options: SearchOptions,
): Promise<SearchResult[]> {
  const deadline = options.deadline ?? NO_DEADLINE;
  deadline.check('encoding the query');
  phi = and(phi, abs.consistency());
  const base = `${declarations(abs)}\n(assert ${toSmt(phi)})`;
  deadline.check('encoding the query');
  const list = checks ?? [{ k: 'const', v: true } as Formula];
  const timeout = options.timeoutMs ?? 10000;
  const solve = (extras: string[]) => solveBatch(base, extras, timeout, deadline);
  if (options.batch) {
    // One round trip, one push/check/pop per alternative: best when most alternatives need a
    // model of their own.
    const extras = list.map((f) => (f.k === 'const' && f.v ? '' : `(assert ${toSmt(f)})`));
    const answers = await solve(extras);
    const res: SearchResult[] = [];
    for (let i = 0; i < list.length; i++) {
      const ans = answers[i];
      if (ans.status === 'unsat') res.push({ status: 'none' });
      else if (ans.status === 'unknown') res.push({ status: 'unknown', reason: ans.reason ?? 'unknown' });
      else res.push(await confirm(abs, and(phi, list[i]), decode(abs, ans.model ?? {}), options));
    }
    return res;
  }
  // Few solver calls for many alternatives: ask for a model of "any unresolved alternative", credit
  // it to every alternative it satisfies, repeat; UNSAT settles all the rest at once.
  const out: Array<SearchResult | undefined> = list.map(() => undefined);
  const models: Array<Assignment | undefined> = list.map(() => undefined);
  for (;;) {
    const open = list.map((_, i) => i).filter((i) => out[i] === undefined && models[i] === undefined);
    if (open.length === 0) break;
    const [ans] = await solve([`(assert ${toSmt(or(...open.map((i) => list[i])))})`]);
    if (ans.status === 'unsat') {
      for (const i of open) out[i] = { status: 'none' };
      break;
    }
    if (ans.status === 'unknown') {
      for (const i of open) out[i] = { status: 'unknown', reason: ans.reason ?? 'unknown' };
      break;
    }
    const a = decode(abs, ans.model ?? {});
    let credited = false;
    for (const i of open) {
      if (evaluateFormula(list[i], a)) {
        models[i] = a;
        credited = true;
      }
    }
    if (!credited) throw new Error('solver model satisfies none of the alternatives it was asked for');
  }
  const results: SearchResult[] = [];
  for (let i = 0; i < list.length; i++) {
    const m = models[i];
    results.push(m ? await confirm(abs, and(phi, list[i]), m, options) : out[i]!);
  }
  return results;
}

export async function findRequest(
  abs: Abstraction,
  phi: Formula,
  options: SearchOptions,
): Promise<SearchResult> {
  return (await findRequests(abs, phi, undefined, options))[0];
}

async function confirm(
  abs: Abstraction,
  phi: Formula,
  first: Assignment,
  options: SearchOptions,
): Promise<SearchResult> {
  let assignment = first;
  let blocked: Formula[] = [];
  const budget = options.maxRefinements ?? 24;
  const deadline = options.deadline ?? NO_DEADLINE;
  for (let round = 0; ; round++) {
    deadline.check('replaying the counterexample');
    const request = concretize(abs, assignment);
    const { replays, mismatch } = options.replay
      ? options.replay(request, assignment)
      : replayEach(abs, request, assignment, options.resourceAccount);
    if (mismatch === undefined) return { status: 'found', request, assignment, replays };
    if (abs.freeReasons.length === 0) throw new ReplayMismatchError(mismatch, request);
    if (round >= budget) {
      return {
        status: 'unknown',
        reason: `no confirmed counterexample after ${budget} refinements (${abs.freeReasons.join('; ')})`,
      };
    }
    // Refine: on this combination of classes the free booleans take their concrete values (this
    // only guides the search; an UNSAT after refinement is reported as UNKNOWN, never as PASS).
    const values = abs.freeValues(request);
    const same = not(blocking(abs, { ...assignment, free: [] }));
    const pinned = and(
      ...values.map((v, i): Formula => (v ? { k: 'free', id: i } : not({ k: 'free', id: i }))),
    );
    blocked = [...blocked, or(not(same), pinned), blocking(abs, assignment)];
    const [ans] = await solveBatch(
      `${declarations(abs)}\n(assert ${toSmt(and(phi, ...blocked))})`,
      [''],
      options.timeoutMs ?? 10000,
      deadline,
    );
    if (ans.status === 'unsat') {
      // Every model the over-approximation offered was spurious: nothing concrete was found, but
      // the free booleans stand for predicates we could not decide, so this is not a proof.
      return { status: 'unknown', reason: `only spurious models (${abs.freeReasons.join('; ')})` };
    }
    if (ans.status === 'unknown') return { status: 'unknown', reason: ans.reason ?? 'unknown' };
    assignment = decode(abs, ans.model ?? {});
  }
}
