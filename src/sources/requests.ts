/**
 * Streams the requests of batch mode (`simulate --policies SET --requests FILE`): NDJSON is read
 * chunk by chunk and handed over one line at a time, so memory stays flat however many requests
 * there are; a JSON array is read whole. Every request is checked (a bad one throws a located
 * PolicyParseError naming its line) before it is handed over.
 */
import type { Request } from '../evaluate/types.js';
import { PolicyParseError } from '../policy/issues.js';
import { parseJson } from '../policy/json.js';
import { LineIndex } from '../policy/location.js';
import { RequestReader } from './scenario.js';

/** Called for each request in order: its 0-based index and, for NDJSON, its 1-based line. */
export type OnRequest = (request: Request, index: number, line: number | undefined) => void;

/**
 * Reads every request of `chunks` (text in order, e.g. a file stream with utf8 encoding).
 * `afterChunk` runs after the requests of each chunk were handed over (a writer waits there for
 * its output to drain).
 */
export async function readRequests(
  chunks: AsyncIterable<string>,
  file: string | undefined,
  onRequest: OnRequest,
  afterChunk: () => Promise<void> | void = () => {},
): Promise<number> {
  const reader = new RequestReader(file);
  let carry = '';
  let started = false;
  let array = false;
  let line = 0;
  let offset = 0;
  let index = 0;
  const take = (text: string) => {
    line++;
    // Lines may end in \r\n; blank lines are skipped (but counted).
    let t = text;
    if (t.charCodeAt(t.length - 1) === 13) t = t.slice(0, -1);
    if (t.trim() !== '') onRequest(reader.line(t, line, offset, index), index++, line);
    offset += text.length + 1;
  };
  for await (const chunk of chunks) {
    let text = carry + chunk;
    if (!started) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      const first = text.trimStart();
      if (first === '') {
        carry = text;
        continue;
      }
      started = true;
      array = first.startsWith('[');
    }
    if (array) {
      carry = text;
      continue;
    }
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      take(text.slice(start, nl));
      start = nl + 1;
    }
    carry = text.slice(start);
    await afterChunk();
  }
  if (array) return readArray(carry, file, reader, onRequest);
  if (carry.trim() !== '') take(carry);
  if (index === 0) throw empty(carry, file, 'The requests file holds no request');
  return index;
}

function empty(text: string, file: string | undefined, message: string): PolicyParseError {
  return new PolicyParseError(
    [{ code: 'EMPTY_ARRAY', message, location: { path: [], span: new LineIndex(text).span(0, 0) } }],
    file,
  );
}

function readArray(
  text: string,
  file: string | undefined,
  reader: RequestReader,
  onRequest: OnRequest,
): number {
  let values: unknown;
  try {
    values = JSON.parse(text);
  } catch {
    parseJson(text, file); // throws the located syntax error
  }
  if (!Array.isArray(values)) {
    parseJson(text, file);
    throw new Error('a JSON array was expected');
  }
  if (values.length === 0) throw empty(text, file, 'The array holds no requests');
  let whole: ReturnType<typeof parseJson> | undefined;
  const located = () => {
    whole ??= parseJson(text, file);
    return whole;
  };
  for (let i = 0; i < values.length; i++) onRequest(reader.element(values[i], i, located), i, undefined);
  return values.length;
}
