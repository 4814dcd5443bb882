/**
 * Witness points for the ordered families (Numeric, Date): comparisons with constants c1 < ... < cn
 * can only tell apart the points ci and the open intervals around them, so one value per point and
 * per interval realises every class. A candidate value is kept only when the family's own parser
 * reads it back inside the interval it stands for (formatting never decides a class on its own).
 */

/** A decimal string for a finite number without exponent notation (`1e+21` -> `1000000000000000000000`). */
export function plainDecimal(x: number): string {
  const s = String(x);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const [, sign, lead, frac = '', expText] = m;
  const exp = Number(expText);
  const digits = lead + frac;
  if (exp >= 0) {
    const intLen = 1 + exp;
    if (digits.length <= intLen) return `${sign}${digits}${'0'.repeat(intLen - digits.length)}`;
    return `${sign}${digits.slice(0, intLen)}.${digits.slice(intLen)}`;
  }
  return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
}

/** Candidate numbers strictly between a and b (a < b), most readable first. */
function between(a: number, b: number): number[] {
  const out: number[] = [];
  const lo = Math.floor(a) + 1;
  if (lo < b) out.push(lo);
  out.push((a + b) / 2, a + (b - a) / 4, b - (b - a) / 4);
  return out;
}

export function orderedWitnesses(
  constants: readonly number[],
  parse: (text: string) => number | undefined,
  format: (x: number) => string[],
  step = 1,
): string[] {
  const xs = [...new Set(constants.filter((x) => Number.isFinite(x)))].sort((a, b) => a - b);
  const out: string[] = [];
  /** Adds the first formatted candidate that parses into (lo, hi), exclusive; returns whether one did. */
  const inside = (candidates: number[], lo: number, hi: number): void => {
    for (const c of candidates) {
      for (const text of format(c)) {
        const v = parse(text);
        if (v !== undefined && v > lo && v < hi) {
          out.push(text);
          return;
        }
      }
    }
  };
  if (xs.length === 0) {
    inside([0, step], -Infinity, Infinity);
    return out;
  }
  // Beyond 2^53 adding 1 changes nothing: also try a relative step.
  const far = (x: number) => Math.max(step, Math.abs(x) * 1e-12);
  inside([xs[0] - step, xs[0] - far(xs[0]), xs[0] - 1, xs[0] - 0.5, xs[0] - 1e-3], -Infinity, xs[0]);
  for (let i = 0; i < xs.length; i++) {
    for (const text of format(xs[i])) {
      if (parse(text) === xs[i]) {
        out.push(text);
        break;
      }
    }
    if (i + 1 < xs.length) inside(between(xs[i], xs[i + 1]), xs[i], xs[i + 1]);
  }
  const last = xs[xs.length - 1];
  inside([last + step, last + far(last), last + 1, last + 0.5, last + 1e-3], last, Infinity);
  return out;
}
