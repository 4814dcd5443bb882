/**
 * Date family: DateEquals, DateNotEquals, DateLessThan(Equals), DateGreaterThan(Equals).
 * "You must specify date/time values with one of the W3C implementations of the ISO 8601 date
 * formats or in epoch (UNIX) time."
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Date
 * The W3C profile (https://www.w3.org/TR/NOTE-datetime): YYYY, YYYY-MM, YYYY-MM-DD,
 * YYYY-MM-DDThh:mmTZD, YYYY-MM-DDThh:mm:ssTZD, YYYY-MM-DDThh:mm:ss.sTZD.
 *
 * Every date is read here, always in UTC: a time without a zone designator is UTC (the process's
 * TZ never matters), and epoch seconds may carry a fraction. Nothing else in the code base calls
 * Date.parse on a policy or request value.
 */
import { orderedWitnesses, plainDecimal } from './ordered.js';

const W3C_DATE =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?([Zz]|[+-]\d{2}:?\d{2})?)?)?)?$/;
const EPOCH = /^\d+(?:\.\d+)?$/;

function daysInMonth(year: number, month: number): number {
  return new Date(utc(year, month, 0, 0, 0, 0, 0)).getUTCDate();
}

/** Date.UTC without its two-digit-year rule (Date.UTC(50, 0) is 1950; year 0050 is meant here). */
function utc(year: number, month: number, day: number, h: number, m: number, s: number, ms: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month, day);
  d.setUTCHours(h, m, s, ms);
  return d.getTime();
}

/**
 * A date as milliseconds since the epoch, UTC: a W3C ISO 8601 date/time or epoch (UNIX) seconds.
 * A string of digits (with an optional fraction) is epoch seconds, so `2024` is a number of
 * seconds, not a year. Undefined when the value is neither.
 */
export function parseDate(value: string | number | boolean): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value * 1000 : undefined;
  if (typeof value !== 'string') return undefined;
  if (EPOCH.test(value)) {
    const n = Number(value) * 1000;
    return Number.isFinite(n) ? n : undefined;
  }
  const m = W3C_DATE.exec(value);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = m[2] ? Number(m[2]) : 1;
  const day = m[3] ? Number(m[3]) : 1;
  const hour = m[4] ? Number(m[4]) : 0;
  const minute = m[5] ? Number(m[5]) : 0;
  const second = m[6] ? Number(m[6]) : 0;
  const ms = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  let offset = 0;
  const zone = m[8];
  if (zone && zone !== 'Z' && zone !== 'z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2));
    if (oh > 23 || om > 59) return undefined;
    offset = sign * (oh * 60 + om) * 60000;
  }
  return utc(year, month - 1, day, hour, minute, second, ms) - offset;
}

/** ISO 8601 in UTC for whole milliseconds within years 0000-9999 (Date's toISOString otherwise writes ±YYYYYY). */
function isoText(ms: number): string | undefined {
  if (!Number.isInteger(ms)) return undefined;
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  if (!Number.isFinite(ms) || y < 0 || y > 9999) return undefined;
  const iso = d.toISOString();
  return y === 0 ? `0000${iso.slice(iso.indexOf('-', 1))}` : iso;
}

/** The texts a date in milliseconds can be written as: ISO 8601 (readable) and epoch seconds (any fraction). */
function dateTexts(ms: number): string[] {
  const out: string[] = [];
  const iso = isoText(Math.round(ms));
  if (iso && Math.round(ms) === ms) out.push(iso);
  if (ms >= 0) out.push(plainDecimal(ms / 1000));
  if (iso && Math.round(ms) !== ms) out.push(iso);
  return out;
}

/**
 * Request values covering every class date comparisons with these constants (milliseconds) tell
 * apart: each constant, one date below, between and above them, and a value that is not a date.
 */
export function dateWitnesses(constants: readonly number[]): string[] {
  return [...orderedWitnesses(constants, parseDate, dateTexts, 1000), NOT_A_DATE];
}

export const NOT_A_DATE = 'not-a-date';
