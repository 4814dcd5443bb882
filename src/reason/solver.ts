/**
 * Z3 behind a worker thread. The worker is created once per process (Z3's `init()` costs about half
 * a second) and keeps one Context. A crash inside the WebAssembly module (it happens in Z3's
 * sequence plugin, see NOTES.md) or a timeout only loses the worker: the caller gets status
 * `unknown` and the next query starts a fresh worker. Queries travel as SMT-LIB text, so nothing of
 * Z3's object graph crosses the thread boundary.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { type Deadline, NO_DEADLINE } from './deadline.js';

export interface SolveResult {
  status: 'sat' | 'unsat' | 'unknown';
  /** Values of the declared constants, as Z3 prints them (`true`, `false`, integers). */
  model?: Record<string, string>;
  /** Why the answer is unknown (timeout, crash). */
  reason?: string;
  millis: number;
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { init } = require(workerData.z3Path);
const ready = init().then(({ Context }) => Context('leastpriv'));
// The solver of the last base script: a message with \`same\` asks again over it (every check is
// push / pop, so it is back at the base level), which skips creating a solver, parsing and
// internalizing the base again.
let last;
parentPort.on('message', async (msg) => {
  try {
    const ctx = await ready;
    let solver;
    if (msg.same) {
      if (!last) throw new Error('no base script to reuse');
      solver = last;
    } else {
      last = undefined;
      solver = new ctx.Solver();
      solver.fromString(msg.smt);
    }
    solver.set('timeout', msg.timeout);
    last = undefined;
    const results = [];
    for (const extra of msg.checks) {
      solver.push();
      if (extra) solver.fromString(extra);
      const status = await solver.check();
      const out = { status, model: undefined, reason: undefined };
      if (status === 'sat') {
        const m = solver.model();
        out.model = {};
        for (const d of m.decls()) out.model[d.name()] = m.get(d).toString();
      } else if (status === 'unknown') {
        out.reason = String(solver.reasonUnknown ? solver.reasonUnknown() : 'unknown');
      }
      solver.pop();
      results.push(out);
    }
    last = solver;
    parentPort.postMessage({ id: msg.id, results });
  } catch (error) {
    last = undefined;
    parentPort.postMessage({ id: msg.id, error: 'solver error: ' + (error && error.message ? error.message : String(error)) });
  }
});
`;

interface WorkerAnswer {
  id?: number;
  results?: Array<{ status: string; model?: Record<string, string>; reason?: string }>;
  error?: string;
}

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, (r: WorkerAnswer) => void>();
/** Which worker each pending query went to: a dying worker fails only its own queries. */
const owner = new Map<number, Worker>();
/** Workers that have answered once, i.e. finished Z3's initialisation (each new worker pays it again). */
const initialised = new WeakSet<Worker>();
/** The base script each worker holds a solver for (after a complete answer), to skip resending it. */
const lastBase = new WeakMap<Worker, string>();

function getWorker(): Worker {
  if (worker) return worker;
  const z3Path = createRequire(import.meta.url).resolve('z3-solver');
  const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { z3Path } });
  w.on('message', (msg: WorkerAnswer) => {
    initialised.add(w);
    const done = pending.get(msg.id ?? -1);
    pending.delete(msg.id ?? -1);
    owner.delete(msg.id ?? -1);
    done?.(msg);
    if (pending.size === 0) w.unref();
  });
  const fail = (reason: string) => {
    if (worker === w) worker = undefined;
    lastBase.delete(w);
    for (const [id, done] of pending) {
      if (owner.get(id) !== w) continue;
      pending.delete(id);
      owner.delete(id);
      done({ error: reason });
    }
  };
  w.on('error', (e) => fail(`solver crashed: ${e.message}`));
  w.on('exit', (code) => fail(`solver exited with code ${code}`));
  w.unref();
  worker = w;
  return w;
}

/** Starts the solver (and pays Z3's initialisation) ahead of the first query. */
export async function warmUp(): Promise<void> {
  await solveBatch('(assert true)', [''], 10000);
}

/** Checks one SMT-LIB script. */
export async function solveSmt(smt: string, timeoutMs: number): Promise<SolveResult> {
  return (await solveBatch(smt, [''], timeoutMs))[0];
}

/**
 * Checks `base` together with each of `checks` in turn (push / add / check / pop on one solver):
 * one round trip to the worker for a whole batch. Never throws; a crash or a timeout makes every
 * unanswered check `unknown`.
 */
export async function solveBatch(
  base: string,
  checks: readonly string[],
  timeoutMs: number,
  deadline: Deadline = NO_DEADLINE,
): Promise<SolveResult[]> {
  if (deadline !== NO_DEADLINE && !(worker && initialised.has(worker))) {
    // A new worker's one-time start-up (Z3's init(), about a second on an idle machine, far more
    // under load) is the process's cost, not the question's: it is not counted against the check.
    const t = performance.now();
    await solveBatch('(assert true)', [''], 60_000);
    deadline.excuse(performance.now() - t);
  }
  const started = performance.now();
  const remaining = deadline.remaining();
  if (remaining <= 0) {
    const reason = `the time limit of ${deadline.timeoutMs.toLocaleString('en-US')} ms ran out before solving`;
    return checks.map(() => ({ status: 'unknown' as const, reason, millis: 0 }));
  }
  // Z3's own limit per check never runs past the check's deadline.
  const perCheck = Math.max(1, Math.min(timeoutMs, Math.ceil(remaining)));
  const w = getWorker();
  const id = nextId++;
  w.ref();
  const grace = initialised.has(w) ? 2000 : 15000;
  // The worker is terminated at the deadline at the latest (Z3's timeout is cooperative).
  const hardMs = Math.min(
    perCheck * checks.length + grace,
    Number.isFinite(remaining) ? Math.ceil(remaining) : Infinity,
  );
  const hardReason =
    hardMs < perCheck * checks.length + grace
      ? `the time limit of ${deadline.timeoutMs.toLocaleString('en-US')} ms ran out while solving`
      : `timeout after ${perCheck} ms per check`;
  const answer = await new Promise<WorkerAnswer>((resolve) => {
    const hard = setTimeout(() => {
      if (!pending.has(id)) return;
      pending.delete(id);
      owner.delete(id);
      resolve({ error: hardReason });
      if (worker === w) worker = undefined;
      void w.terminate();
    }, hardMs);
    hard.unref();
    owner.set(id, w);
    pending.set(id, (r) => {
      clearTimeout(hard);
      resolve(r);
    });
    // Asking again over the base the worker answered last reuses its solver (analyze asks several
    // rounds over one base); anything else, or any doubt, sends the script. Only with nothing else
    // in flight on that worker: a query still running there would replace its last solver.
    let busy = false;
    for (const [other, ow] of owner) if (other !== id && ow === w) busy = true;
    const same = !busy && lastBase.get(w) === base;
    lastBase.delete(w);
    w.postMessage(
      same ? { id, same: true, checks, timeout: perCheck } : { id, smt: base, checks, timeout: perCheck },
    );
  });
  const millis = performance.now() - started;
  if (answer.error === undefined && answer.results && worker === w) lastBase.set(w, base);
  if (answer.error !== undefined || !answer.results) {
    return checks.map(() => ({ status: 'unknown' as const, reason: answer.error ?? 'no answer', millis }));
  }
  return answer.results.map((r) => {
    const status = r.status === 'sat' || r.status === 'unsat' ? r.status : 'unknown';
    return {
      status,
      model: r.model,
      reason: status === 'unknown' ? (r.reason ?? 'unknown') : undefined,
      millis,
    };
  });
}

/** Stops the worker (tests and benchmarks call this to exit promptly). */
export async function shutdownSolver(): Promise<void> {
  const w = worker;
  worker = undefined;
  if (w) await w.terminate();
}
