/**
 * Witness generation for the finite abstraction. For every request position (action, resource,
 * principal, a condition key's value) the reasoner needs one concrete value per equivalence class
 * of the predicates that occur in the policies. The predicates themselves are always evaluated
 * with the shared matchers (src/policy, src/evaluate); this module only proposes values, and it
 * proposes enough of them that every combination of pattern matches that some string realises is
 * realised by at least one proposed value.
 *
 * Strings: a breadth-first walk of the product of the patterns' automata (built from the regular
 * expression `globRegexSource` produces, so the wildcard semantics stay in src/policy/wildcard.ts).
 * Ordered values (numbers, dates, IP addresses) get their witness points from their operator
 * family in src/policy/conditions/. See docs/reasoning.md.
 */
import type { StringPattern } from '../policy/conditions.js';
import { type Deadline, NO_DEADLINE } from './deadline.js';

/** Thrown when a position has too many classes to enumerate within the budget. */
export class AbstractionTooLarge extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AbstractionTooLarge';
  }
}

type Token =
  | { t: 'lit'; c: string }
  | { t: 'digit' }
  | { t: 'any' }
  | { t: 'nc' }
  | { t: 'star' }
  | { t: 'starnc' }
  /** A character (or a run of characters, `star`) outside a small set: `[^:/]`, `[^/]*`. */
  | { t: 'not'; ex: string; star: boolean };

export type { StringPattern };

/** Parses the small regex language that globRegexSource emits. */
export function tokenize(source: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i];
    if (ch === '\\') {
      out.push({ t: 'lit', c: source[i + 1] });
      i += 2;
    } else if (source.startsWith('.*', i)) {
      out.push({ t: 'star' });
      i += 2;
    } else if (source.startsWith('[0-9]', i)) {
      // Not produced by globRegexSource (it escapes brackets); used by the reasoner's own shapes.
      out.push({ t: 'digit' });
      i += 5;
    } else if (source.startsWith('[^:]*', i)) {
      out.push({ t: 'starnc' });
      i += 5;
    } else if (source.startsWith('[^:]', i)) {
      out.push({ t: 'nc' });
      i += 4;
    } else if (source.startsWith('[^', i) && source.indexOf(']', i) > i + 2) {
      // Other negated sets of plain characters (the reasoner's own shapes, e.g. a role name `[^/]*`).
      const end = source.indexOf(']', i);
      const star = source[end + 1] === '*';
      out.push({ t: 'not', ex: source.slice(i + 2, end), star });
      i = end + (star ? 2 : 1);
    } else if (ch === '.') {
      out.push({ t: 'any' });
      i += 1;
    } else {
      out.push({ t: 'lit', c: ch });
      i += 1;
    }
  }
  return out;
}

interface Nfa {
  tokens: Token[];
  ignoreCase: boolean;
  /** allStarFrom[i]: tokens i..end are all `.*` (at least one), so the pattern accepts every continuation. */
  allStarFrom: boolean[];
}

function buildNfa(p: StringPattern): Nfa {
  const tokens = tokenize(p.ignoreCase ? p.source.toLowerCase() : p.source);
  // allStarFrom[i]: tokens i..end are `.*` and there is at least one, so the pattern accepts every continuation.
  const allStarFrom = new Array<boolean>(tokens.length + 1).fill(false);
  let rest = true;
  for (let i = tokens.length - 1; i >= 0; i--) {
    rest = rest && tokens[i].t === 'star';
    allStarFrom[i] = rest;
  }
  return { tokens, ignoreCase: p.ignoreCase, allStarFrom };
}

function closure(nfa: Nfa, states: number[]): number[] {
  const set = new Set<number>();
  const stack = [...states];
  while (stack.length > 0) {
    const s = stack.pop()!;
    if (set.has(s)) continue;
    set.add(s);
    const tok = nfa.tokens[s];
    if (tok && (tok.t === 'star' || tok.t === 'starnc' || (tok.t === 'not' && tok.star))) stack.push(s + 1);
  }
  return [...set].sort((a, b) => a - b);
}

function step(nfa: Nfa, states: number[], ch: string): number[] {
  const c = nfa.ignoreCase ? ch.toLowerCase() : ch;
  const next: number[] = [];
  for (const s of states) {
    const tok = nfa.tokens[s];
    if (!tok) continue;
    switch (tok.t) {
      case 'lit':
        if (tok.c === c) next.push(s + 1);
        break;
      case 'any':
        next.push(s + 1);
        break;
      case 'digit':
        if (ch >= '0' && ch <= '9') next.push(s + 1);
        break;
      case 'nc':
        if (ch !== ':') next.push(s + 1);
        break;
      case 'star':
        next.push(s);
        break;
      case 'starnc':
        if (ch !== ':') next.push(s);
        break;
      case 'not':
        if (!tok.ex.includes(ch)) next.push(tok.star ? s : s + 1);
        break;
    }
  }
  return next.length === 0 ? next : closure(nfa, next);
}

/**
 * Fast path for the common shape (every pattern a literal, or a literal followed by one `*`, with
 * one case rule): a string's matches are decided by the longest pattern literal L it starts with
 * and by whether it equals L, so L and L + a character no pattern uses cover every class.
 */
function prefixWitnesses(nfas: Nfa[]): string[] | undefined {
  if (nfas.length === 0) return undefined;
  const ic = nfas[0].ignoreCase;
  const literals = new Set<string>();
  const used = new Set<string>();
  for (const n of nfas) {
    if (n.ignoreCase !== ic) return undefined;
    let text = '';
    for (let i = 0; i < n.tokens.length; i++) {
      const tok = n.tokens[i];
      if (tok.t === 'lit') text += tok.c;
      else if (tok.t === 'star' && i === n.tokens.length - 1) break;
      else return undefined;
    }
    literals.add(text);
    for (const ch of text) used.add(ic ? ch.toLowerCase() : ch);
  }
  const fresh = FRESH_CANDIDATES.find((c) => !used.has(c) && !used.has(c.toLowerCase()));
  if (!fresh) return undefined;
  const out: string[] = [fresh];
  for (const l of literals) out.push(l, l + fresh);
  return out;
}

const FRESH_CANDIDATES = ['q', 'z', 'x', 'k', '_', 'Q', '~', '\u00e6'];

/**
 * Strings that together realise every combination of pattern matches that any string realises.
 * Candidates come first (they make readable counterexamples); the automaton walk adds the rest.
 */
export function stringWitnesses(
  patterns: readonly StringPattern[],
  candidates: readonly string[],
  maxStates = 60000,
  partial?: string[],
  deadline: Deadline = NO_DEADLINE,
): string[] {
  // With thousands of patterns, building their automata and the start state takes a second or
  // more: the clock is read there too, not only once the walk has begun.
  const preparing = 'preparing the string patterns';
  const nfas = patterns.map((p) => {
    deadline.tick(preparing);
    return buildNfa(p);
  });
  deadline.check(preparing);
  const fast = prefixWitnesses(nfas);
  if (fast) return [...new Set([...candidates, ...fast])];
  const alphabet = new Set<string>([':', '/', 'a']);
  for (const n of nfas) {
    for (const tok of n.tokens) {
      if (tok.t === 'not') for (const c of tok.ex) alphabet.add(c);
      if (tok.t !== 'lit') continue;
      alphabet.add(tok.c);
      if (n.ignoreCase) {
        alphabet.add(tok.c.toUpperCase());
        alphabet.add(tok.c.toLowerCase());
      }
    }
  }
  const fresh = FRESH_CANDIDATES.find((c) => !alphabet.has(c) && !alphabet.has(c.toLowerCase()));
  if (fresh) alphabet.add(fresh);
  // One digit no pattern names literally stands for every such digit.
  const digit = '0123456789'.split('').find((d) => !alphabet.has(d));
  if (digit) alphabet.add(digit);
  const chars = [...alphabet];

  const out: string[] = [...new Set(candidates)];
  const seenAccept = new Set<string>();
  // Product state: live patterns with their NFA state sets, plus patterns that accept everything from here on.
  interface State {
    live: Map<number, number[]>;
    sink: number[];
    word: string;
  }
  const keyOf = (s: State) => {
    let k = s.sink.join(',');
    k += '|';
    for (const [i, st] of s.live) k += `${i}:${st.join('.')};`;
    return k;
  };
  const start: State = { live: new Map(), sink: [], word: '' };
  deadline.check(preparing);
  for (let i = 0; i < nfas.length; i++) {
    deadline.tick(preparing);
    const st = closure(nfas[i], [0]);
    if (st.some((x) => nfas[i].allStarFrom[x])) start.sink.push(i);
    else start.live.set(i, st);
  }
  const seen = new Set<string>([keyOf(start)]);
  const queue: State[] = [start];
  let head = 0;
  while (head < queue.length) {
    // Every step: with thousands of patterns one step can take milliseconds.
    deadline.check('enumerating string values');
    const cur = queue[head++];
    const accepting: number[] = [...cur.sink];
    for (const [i, st] of cur.live) if (st.includes(nfas[i].tokens.length)) accepting.push(i);
    accepting.sort((a, b) => a - b);
    const ak = accepting.join(',');
    if (!seenAccept.has(ak)) {
      seenAccept.add(ak);
      out.push(cur.word);
    }
    // Characters no live pattern names literally all behave like `fresh`: try one of them only.
    let stepChars: Iterable<string> = chars;
    if (fresh) {
      const local = new Set<string>([':', fresh]);
      if (digit) local.add(digit);
      for (const [i, st] of cur.live) {
        const n = nfas[i];
        for (const x of st) {
          const tok = n.tokens[x];
          if (tok?.t !== 'lit') continue;
          local.add(tok.c);
          if (n.ignoreCase) local.add(tok.c.toUpperCase());
        }
      }
      stepChars = local;
    }
    for (const ch of stepChars) {
      const live = new Map<number, number[]>();
      const sink = [...cur.sink];
      for (const [i, st] of cur.live) {
        deadline.tick('enumerating string values');
        const nx = step(nfas[i], st, ch);
        if (nx.length === 0) continue;
        if (nx.some((x) => nfas[i].allStarFrom[x])) sink.push(i);
        else live.set(i, nx);
      }
      sink.sort((a, b) => a - b);
      const next: State = { live, sink, word: cur.word + ch };
      const k = keyOf(next);
      if (seen.has(k)) continue;
      seen.add(k);
      if (seen.size > maxStates) {
        // The witnesses found so far, for callers that fall back to an over-approximation.
        if (partial) partial.push(...out);
        throw new AbstractionTooLarge(
          `more than ${maxStates} automaton states for ${patterns.length} patterns`,
        );
      }
      queue.push(next);
    }
  }
  return out;
}
