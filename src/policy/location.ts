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

export const NO_SPAN: Span = {
  start: { line: 1, column: 0, offset: 0 },
  end: { line: 1, column: 0, offset: 0 },
};
