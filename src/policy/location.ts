/**
 * Source locations, in the shape IAM Access Analyzer uses for ValidatePolicyFinding locations:
 * a JSON path made of `{ value }` (object member names) and `{ index }` (array positions),
 * and a span whose positions carry a 1-based line, a 0-based column and a 0-based offset.
 * https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_Location.html
 */
export type PathElement = { value: string } | { index: number } | { key: string };

export interface Position {
  /** 1-based line. */
  line: number;
  /** 0-based column (Access Analyzer convention). Text reports print column + 1. */
  column: number;
  /** 0-based character offset in the document text. */
  offset: number;
}

export interface Span {
  start: Position;
  end: Position;
}

export interface Location {
  path: PathElement[];
  span: Span;
}

const INDEX_ELEMENTS: PathElement[] = [];
const MEMBER_ELEMENTS = new Map<string, PathElement>();

/**
 * `path` followed by a member name (string) or an array position (number). The array has exactly
 * that length (a spread `[...path, el]` leaves room for 16 more elements: about 150 bytes more
 * for each located value, a third of the model of a large policy), and the elements of common
 * positions and names are shared (path elements are never changed once made).
 */
export function childPath(path: readonly PathElement[], step: string | number): PathElement[] {
  let el: PathElement | undefined;
  if (typeof step === 'number') {
    el = INDEX_ELEMENTS[step];
    if (el === undefined) {
      el = { index: step };
      if (step < 4096) INDEX_ELEMENTS[step] = el;
    }
  } else {
    el = MEMBER_ELEMENTS.get(step);
    if (el === undefined) {
      el = { value: step };
      if (MEMBER_ELEMENTS.size < 4096) MEMBER_ELEMENTS.set(step, el);
    }
  }
  return (path as PathElement[]).concat([el]);
}

/** A value together with where it came from. */
export interface Located<T> {
  value: T;
  loc: Location;
}

/** Renders a JSON path like `Statement[0].Condition.StringEquals`. */
export function formatPath(path: readonly PathElement[]): string {
  let out = '';
  for (const el of path) {
    if ('index' in el) out += `[${el.index}]`;
    else {
      const name = 'value' in el ? el.value : el.key;
      out += out === '' ? name : `.${name}`;
    }
  }
  return out === '' ? '$' : out;
}

/** Computes positions for offsets in one text, with a line index built once. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  position(offset: number): Position {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo], offset };
  }

  span(offset: number, length: number): Span {
    return { start: this.position(offset), end: this.position(offset + length) };
  }
}

/**
 * A location in a parsed text that computes its span when read: the model of a large policy holds
 * one located value per name, action, resource and condition value, and three objects less for
 * each (span, start, end) are a third of its memory. It reads like `{ path, span }` and serialises
 * as that (`toJSON`); `span` is a fresh object at each read.
 */
export class SourceLocation implements Location {
  private readonly base: PathElement[];
  private readonly step: string | number | undefined;
  private readonly lines: LineIndex;
  private readonly offset: number;
  private readonly length: number;

  /**
   * @param step when given, the path is `base` followed by it, made when read: the values of one
   *   list (`Action`, a condition key's values) then share their list's path array
   */
  constructor(base: PathElement[], lines: LineIndex, offset: number, length: number, step?: string | number) {
    this.base = base;
    this.step = step;
    this.lines = lines;
    this.offset = offset;
    this.length = length;
  }

  get path(): PathElement[] {
    return this.step === undefined ? this.base : childPath(this.base, this.step);
  }

  get span(): Span {
    return this.lines.span(this.offset, this.length);
  }

  toJSON(): Location {
    return { path: this.path, span: this.span };
  }
}

export const NO_SPAN: Span = {
  start: { line: 1, column: 0, offset: 0 },
  end: { line: 1, column: 0, offset: 0 },
};
