/**
 * Formulas over the finite abstraction. Every request position is an enumeration of classes
 * (a single-valued position is one integer variable; a multivalued condition key is one boolean
 * per element class plus a "present" boolean); predicates the abstraction cannot decide exactly
 * are free booleans. Constructors simplify as they build, so trivially true or false parts never
 * reach the solver.
 */
export type Formula =
  | { k: 'const'; v: boolean }
  | { k: 'in'; pos: number; set: readonly number[]; size: number }
  | { k: 'has'; pos: number; cls: number }
  | { k: 'present'; pos: number }
  | { k: 'free'; id: number }
  | { k: 'and'; args: Formula[] }
  | { k: 'or'; args: Formula[] }
  | { k: 'not'; arg: Formula };

export const TRUE: Formula = { k: 'const', v: true };
export const FALSE: Formula = { k: 'const', v: false };

export function constant(v: boolean): Formula {
  return v ? TRUE : FALSE;
}

/** The position's value is one of the classes in `set` (of `size` classes in all). */
export function inSet(pos: number, set: readonly number[], size: number): Formula {
  if (set.length === 0) return FALSE;
  if (set.length === size) return TRUE;
  return { k: 'in', pos, set: [...set].sort((a, b) => a - b), size };
}

export function and(...args: Formula[]): Formula {
  const out: Formula[] = [];
  for (const a of args) {
    if (a.k === 'const') {
      if (!a.v) return FALSE;
      continue;
    }
    if (a.k === 'and') out.push(...a.args);
    else out.push(a);
  }
  if (out.length === 0) return TRUE;
  if (out.length === 1) return out[0];
  return { k: 'and', args: out };
}

export function or(...args: Formula[]): Formula {
  const out: Formula[] = [];
  for (const a of args) {
    if (a.k === 'const') {
      if (a.v) return TRUE;
      continue;
    }
    if (a.k === 'or') out.push(...a.args);
    else out.push(a);
  }
  if (out.length === 0) return FALSE;
  if (out.length === 1) return out[0];
  return { k: 'or', args: out };
}

export function not(arg: Formula): Formula {
  if (arg.k === 'const') return constant(!arg.v);
  if (arg.k === 'not') return arg.arg;
  return { k: 'not', arg };
}

export function ite(c: Formula, t: Formula, e: Formula): Formula {
  return or(and(c, t), and(not(c), e));
}

/** A full assignment of the abstraction's variables. */
export interface Assignment {
  /** Class index per single-valued position (undefined for multivalued positions). */
  single: Array<number | undefined>;
  /** Per multivalued position: present flag and element classes included. */
  multi: Array<{ present: boolean; has: boolean[] } | undefined>;
  free: boolean[];
}

export function evaluateFormula(f: Formula, a: Assignment): boolean {
  switch (f.k) {
    case 'const':
      return f.v;
    case 'in':
      return f.set.includes(a.single[f.pos] ?? -1);
    case 'has':
      return a.multi[f.pos]?.has[f.cls] === true;
    case 'present':
      return a.multi[f.pos]?.present === true;
    case 'free':
      return a.free[f.id] === true;
    case 'and':
      return f.args.every((x) => evaluateFormula(x, a));
    case 'or':
      return f.args.some((x) => evaluateFormula(x, a));
    case 'not':
      return !evaluateFormula(f.arg, a);
  }
}

export const singleVar = (pos: number) => `p${pos}`;
export const hasVar = (pos: number, cls: number) => `m${pos}_${cls}`;
export const presentVar = (pos: number) => `m${pos}_present`;
export const freeVar = (id: number) => `f${id}`;

/** SMT-LIB text for a formula; shared subterms are printed once per occurrence (formulas are small). */
export function toSmt(f: Formula): string {
  switch (f.k) {
    case 'const':
      return f.v ? 'true' : 'false';
    case 'in': {
      const v = singleVar(f.pos);
      if (f.set.length * 2 > f.size) {
        const rest: number[] = [];
        for (let i = 0; i < f.size; i++) if (!f.set.includes(i)) rest.push(i);
        return rest.length === 1
          ? `(not (= ${v} ${rest[0]}))`
          : `(not (or ${rest.map((i) => `(= ${v} ${i})`).join(' ')}))`;
      }
      return f.set.length === 1
        ? `(= ${v} ${f.set[0]})`
        : `(or ${f.set.map((i) => `(= ${v} ${i})`).join(' ')})`;
    }
    case 'has':
      return hasVar(f.pos, f.cls);
    case 'present':
      return presentVar(f.pos);
    case 'free':
      return freeVar(f.id);
    case 'and':
      return `(and ${f.args.map(toSmt).join(' ')})`;
    case 'or':
      return `(or ${f.args.map(toSmt).join(' ')})`;
    case 'not':
      return `(not ${toSmt(f.arg)})`;
  }
}
