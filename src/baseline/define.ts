/** Helpers every control module uses: defining a control and building its verdicts. */
import {
  type BaselineInput,
  type ExportRecord,
  isObject,
  type Lookup,
  lookup,
  unavailable,
} from './input.js';
import type { ControlMeta, Evidence, Status, Verdict } from './types.js';

export interface Control {
  meta: ControlMeta;
  decide(input: BaselineInput): Verdict[] | Promise<Verdict[]>;
}

export function defineControl(
  meta: ControlMeta,
  decide: (input: BaselineInput) => Verdict | Verdict[] | Promise<Verdict | Verdict[]>,
): Control {
  return {
    meta,
    decide: (input) => {
      const v = decide(input);
      if (v instanceof Promise) return v.then((x) => (Array.isArray(x) ? x : [x]));
      return Array.isArray(v) ? v : [v];
    },
  };
}

export function verdict(
  status: Status,
  message: string,
  evidence: Evidence[] = [],
  subject?: string,
): Verdict {
  return subject === undefined ? { status, message, evidence } : { status, message, evidence, subject };
}
export const pass = (m: string, e: Evidence[] = [], s?: string) => verdict('PASS', m, e, s);
export const fail = (m: string, e: Evidence[] = [], s?: string) => verdict('FAIL', m, e, s);
export const unknown = (m: string, e: Evidence[] = [], s?: string) => verdict('UNKNOWN', m, e, s);

/** UNKNOWN for a missing export or a recorded error that is not "not found". */
export function unknownFrom(l: Exclude<Lookup, { state: 'present' }>, subject?: string): Verdict {
  const ev =
    l.state === 'missing'
      ? []
      : [{ export: l.record.key, file: l.record.file, path: '$.Error.Code', value: l.code }];
  return unknown(unavailable(l), ev, subject);
}

/**
 * One object of a per-resource export: the export holds an object keyed by the resource (trail ARN
 * or name, bucket name, topic ARN, detector id ...), each value the command's output for it.
 */
export function perResource(
  input: BaselineInput,
  command: string,
  id: string,
  region?: string,
):
  | { state: 'present'; record: ExportRecord; data: unknown; path: string }
  | Exclude<Lookup, { state: 'present' }> {
  const l = lookup(input, command, region);
  if (l.state !== 'present') return l;
  if (!isObject(l.data) || !(id in l.data)) return { state: 'missing', key: `${command} (for ${id})` };
  const data = l.data[id];
  const path = `$[${JSON.stringify(id)}]`;
  if (isObject(data) && isObject(data.Error) && typeof data.Error.Code === 'string') {
    const code = data.Error.Code;
    return /NoSuch|NotFound/.test(code)
      ? { state: 'notFound', record: l.record, code }
      : { state: 'error', record: l.record, code };
  }
  return { state: 'present', record: l.record, data, path };
}

export function truthy(v: unknown): boolean {
  return v === true || v === 'true' || v === 1;
}
