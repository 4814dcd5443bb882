/**
 * The operator families: one parser per family, and witness points that cover every class a
 * family's comparisons can tell apart (each constant, every interval around them, and a value the
 * family cannot read). https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  binaryWitnesses,
  dateWitnesses,
  FAMILY_NAMES,
  FAMILY_OPERATORS,
  familyOf,
  ipWitnesses,
  matchesIp,
  numericWitnesses,
  parseBinary,
  parseCidr,
  parseDate,
  parseIp,
  parseNumeric,
  plainDecimal,
} from '../../src/policy/conditions.js';
import { BASE_OPERATORS } from '../../src/policy/model.js';

describe('families partition the operators', () => {
  it('every base operator has exactly one family, listed in FAMILY_OPERATORS', () => {
    const listed = FAMILY_NAMES.flatMap((f) => FAMILY_OPERATORS[f]);
    expect([...listed].sort()).toEqual([...BASE_OPERATORS].sort());
    for (const op of BASE_OPERATORS) expect(FAMILY_OPERATORS[familyOf(op)]).toContain(op);
    expect(FAMILY_OPERATORS.IpAddress).toEqual(['IpAddress', 'NotIpAddress']);
  });
});

/** Every class of "below / at / above" each constant is realised by some witness. */
function coversOrder(values: number[], constants: number[]): void {
  const sign = (v: number) => constants.map((c) => Math.sign(v - c)).join(',');
  const got = new Set(values.map(sign));
  const xs = [...new Set(constants)].sort((a, b) => a - b);
  const wanted = [xs[0] - 1, ...xs, ...xs.slice(1).map((x, i) => (x + xs[i]) / 2), xs[xs.length - 1] + 1];
  for (const w of wanted) {
    if (xs.some((x, i) => i > 0 && (x + xs[i - 1]) / 2 === x)) continue;
    expect(got.has(sign(w)), `class of ${w} among ${constants}`).toBe(true);
  }
}

describe('Numeric: "an integer or decimal value"', () => {
  it('witnesses: below, at, between and above every constant, and a value that is no number', () => {
    const ws = numericWitnesses([10, 3, 3.5]);
    const parsed = ws.map((w) => parseNumeric(w));
    expect(parsed).toContain(undefined);
    coversOrder(
      parsed.filter((x): x is number => x !== undefined),
      [10, 3, 3.5],
    );
  });

  it('large and tiny constants get decimal witnesses the parser reads (no exponent notation)', () => {
    expect(plainDecimal(1e21)).toBe('1000000000000000000000');
    expect(plainDecimal(1.5e-7)).toBe('0.00000015');
    expect(parseNumeric(plainDecimal(-2.5e22))).toBe(-2.5e22);
    const ws = numericWitnesses([1e21]).map((w) => parseNumeric(w));
    expect(ws).toContain(1e21);
    expect(ws.some((x) => x !== undefined && x > 1e21)).toBe(true);
  });

  it('property: witnesses cover every order class of random constants', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }), {
          minLength: 1,
          maxLength: 5,
        }),
        (cs) => {
          const ws = numericWitnesses(cs)
            .map((w) => parseNumeric(w))
            .filter((x): x is number => x !== undefined);
          coversOrder(ws, cs);
        },
      ),
      { seed: 9, numRuns: 200 },
    );
  });
});

describe('Date: W3C ISO 8601 or epoch seconds, always UTC', () => {
  it('fractional epoch seconds and zone-less times (read as UTC)', () => {
    expect(parseDate('1700000000.5')).toBe(1700000000500);
    expect(parseDate('2024-01-01T10:00')).toBe(Date.UTC(2024, 0, 1, 10, 0));
    expect(parseDate('2024-01-01T10:00+05:30')).toBe(Date.UTC(2024, 0, 1, 4, 30));
    expect(parseDate('2024-01-01')).toBe(Date.UTC(2024, 0, 1));
    // Year 0050 is not 1950 (Date.UTC's two-digit-year rule does not apply).
    expect(parseDate('0050-01-01')).toBe(new Date('0050-01-01T00:00:00Z').getTime());
  });

  it('witnesses strictly between constants that differ by a fraction of a millisecond', () => {
    const cs = [parseDate('1700000000.0001')!, parseDate('1700000000.0002')!];
    const ws = dateWitnesses(cs).map((w) => parseDate(w));
    expect(ws).toContain(undefined);
    coversOrder(
      ws.filter((x): x is number => x !== undefined),
      cs,
    );
  });

  it('property: witnesses cover every order class (ISO and epoch constants)', () => {
    const date = fc.oneof(
      fc.integer({ min: 0, max: 4_000_000_000_000 }).map((ms) => new Date(ms).toISOString()),
      fc.integer({ min: 0, max: 4_000_000_000_000 }).map((ms) => plainDecimal(ms / 1000)),
    );
    fc.assert(
      fc.property(fc.array(date, { minLength: 1, maxLength: 4 }), (texts) => {
        const cs = texts.map((t) => parseDate(t)!);
        const ws = dateWitnesses(cs)
          .map((w) => parseDate(w))
          .filter((x): x is number => x !== undefined);
        coversOrder(ws, cs);
      }),
      { seed: 9, numRuns: 200 },
    );
  });
});

describe('IpAddress: CIDR blocks read by ipaddr.js, IPv4 and IPv6 (IPv4-mapped included)', () => {
  it('IPv4-mapped IPv6 blocks contain mapped addresses; versions never mix', () => {
    expect(matchesIp('::ffff:10.0.0.0/104', '::ffff:10.0.0.1')).toBe(true);
    expect(matchesIp('::ffff:10.0.0.0/104', '::ffff:11.0.0.1')).toBe(false);
    expect(matchesIp('10.0.0.0/8', '::ffff:10.0.0.1')).toBe(false);
    expect(matchesIp('0.0.0.0/0', '198.51.100.1')).toBe(true);
    expect(matchesIp('::/0', '2001:db8::1')).toBe(true);
    expect(matchesIp('2001:db8::1/128', '2001:db8::1')).toBe(true);
    expect(matchesIp('2001:db8::1/128', '2001:db8::2')).toBe(false);
    expect(parseIp('fe80::1%eth0')).toBeUndefined();
    expect(parseIp('1.2.3')).toBeUndefined();
    expect(parseCidr('10.0.0.0/33')).toBeUndefined();
  });

  it('witnesses: one address inside and outside each block, a non-address', () => {
    const blocks = ['10.0.0.0/8', '10.1.0.0/16', '::ffff:10.0.0.0/104', '0.0.0.0/0', '2001:db8::1/128'];
    const ws = ipWitnesses(blocks.map((b) => parseCidr(b)!));
    const sig = (w: string) => blocks.map((b) => matchesIp(b, w)).join(',');
    const sigs = new Set(ws.map(sig));
    for (const probe of [
      '10.1.2.3',
      '10.2.0.0',
      '192.0.2.1',
      '::ffff:10.9.9.9',
      '::ffff:11.0.0.0',
      '2001:db8::1',
      '2001:db8::2',
      'nope',
    ])
      expect(sigs.has(sig(probe)), probe).toBe(true);
  });
});

describe('Binary: base64 compared byte for byte', () => {
  it('witnesses: each constant, other bytes, and a value that is not base64', () => {
    const ws = binaryWitnesses([parseBinary('QUJD')!]);
    expect(ws.map((w) => parseBinary(w))).toEqual(['ABC', expect.any(String), undefined]);
    expect(parseBinary(ws[1])).not.toBe('ABC');
  });
});
