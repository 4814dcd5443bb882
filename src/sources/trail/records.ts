/**
 * CloudTrail files -> records. A file is one of the shapes CloudTrail and its tools write:
 * - a delivered log file, `{"Records": [...]}`, gzip-compressed in S3
 *   (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-examples.html);
 * - a bare JSON array of records (what many exporters and sample sets write);
 * - `aws cloudtrail lookup-events` output, `{"Events": [{"CloudTrailEvent": "<record as a JSON string>", ...}]}`
 *   (https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_LookupEvents.html);
 * - one record per line (NDJSON), as CloudTrail Lake and Athena exports write;
 * - a single record object.
 * gzip is recognized by its magic bytes, not by the file name.
 */
import { gunzipSync } from 'node:zlib';
import { PolicyParseError } from '../../policy/issues.js';
import { parseJson } from '../../policy/json.js';

export type Wrapper = 'Records' | 'array' | 'lookup-events' | 'ndjson' | 'record';

export interface FileProblem {
  file: string;
  /** Index of the record within the file; absent when the whole file is unusable. */
  index?: number;
  reason: string;
}

export interface FileRecords {
  wrapper?: Wrapper;
  /** Records as parsed; `undefined` entries are records that could not be parsed (see problems). */
  records: unknown[];
  problems: FileProblem[];
}

/** True when the bytes start with the gzip magic number (RFC 1952). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Names where a JSON syntax error is, with line and column, using the project's located parser. */
function locateSyntaxError(text: string, file: string): string {
  try {
    parseJson(text, file);
  } catch (e) {
    if (e instanceof PolicyParseError && e.issues[0]) {
      const i = e.issues[0];
      return `line ${i.location.span.start.line}, column ${i.location.span.start.column + 1}: ${i.message}`;
    }
  }
  return 'Invalid JSON';
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Splits the records out of one file's bytes. Never throws: problems are returned. */
export function readRecords(bytes: Uint8Array, file: string): FileRecords {
  let data: Uint8Array = bytes;
  if (isGzip(bytes)) {
    try {
      data = gunzipSync(bytes);
    } catch (e) {
      return { records: [], problems: [{ file, reason: `not a valid gzip file: ${(e as Error).message}` }] };
    }
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return { records: [], problems: [{ file, reason: 'not UTF-8 text' }] };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') return { records: [], problems: [{ file, reason: 'empty file' }] };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // Not one JSON value: maybe one record per line.
    const lines = text.split('\n');
    if (lines.filter((l) => l.trim() !== '').length > 1 && firstLineIsObject(lines)) {
      return readNdjson(lines, file);
    }
    return { records: [], problems: [{ file, reason: locateSyntaxError(text, file) }] };
  }
  return unwrap(value, file);
}

function firstLineIsObject(lines: string[]): boolean {
  const first = lines.find((l) => l.trim() !== '') ?? '';
  try {
    return isObject(JSON.parse(first));
  } catch {
    return false;
  }
}

function readNdjson(lines: string[], file: string): FileRecords {
  const records: unknown[] = [];
  const problems: FileProblem[] = [];
  lines.forEach((line, n) => {
    if (line.trim() === '') return;
    try {
      records.push(JSON.parse(line));
    } catch {
      const where = locateSyntaxError(line, file).replace(/^line 1, /, `line ${n + 1}, `);
      problems.push({ file, index: records.length, reason: where });
      records.push(undefined);
    }
  });
  return { wrapper: 'ndjson', records, problems };
}

/** Finds the records inside a parsed file. */
export function unwrap(value: unknown, file: string): FileRecords {
  if (Array.isArray(value)) return { wrapper: 'array', records: value, problems: [] };
  if (!isObject(value)) {
    return {
      records: [],
      problems: [{ file, reason: 'not a CloudTrail file: the JSON is neither an object nor an array' }],
    };
  }
  if ('Records' in value) {
    if (!Array.isArray(value.Records)) {
      return { records: [], problems: [{ file, reason: '"Records" is not an array' }] };
    }
    return { wrapper: 'Records', records: value.Records, problems: [] };
  }
  if ('Events' in value) {
    if (!Array.isArray(value.Events))
      return { records: [], problems: [{ file, reason: '"Events" is not an array' }] };
    const problems: FileProblem[] = [];
    const records = value.Events.map((e, index) => {
      const raw = isObject(e) ? e.CloudTrailEvent : undefined;
      if (typeof raw !== 'string') {
        problems.push({ file, index, reason: 'lookup-events entry without a CloudTrailEvent string' });
        return undefined;
      }
      try {
        return JSON.parse(raw);
      } catch {
        problems.push({
          file,
          index,
          reason: `CloudTrailEvent is not JSON: ${locateSyntaxError(raw, file)}`,
        });
        return undefined;
      }
    });
    return { wrapper: 'lookup-events', records, problems };
  }
  if ('eventName' in value || 'eventSource' in value || 'eventID' in value) {
    return { wrapper: 'record', records: [value], problems: [] };
  }
  return {
    records: [],
    problems: [
      { file, reason: 'not a CloudTrail file: no "Records" array, "Events" array or record fields' },
    ],
  };
}
