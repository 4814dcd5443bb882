/**
 * Issue 9's false PASS results are FAILs with a replayed counterexample, in UTC and in a zone that
 * is not UTC. The reasoner reads condition values only through the policy layer's operator
 * families (src/policy/conditions/), so dates are UTC whatever TZ says.
 * - Date operators take "one of the W3C implementations of the ISO 8601 date formats or ... epoch
 *   (UNIX) time": https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Date
 * - IP address operators take "the standard CIDR format" for IPv4 and IPv6:
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IPAddress
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('./child/false-pass-cases.ts', import.meta.url));

function runIn(tz: string) {
  const out = execFileSync(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, TZ: tz },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return JSON.parse(out.trim().split('\n').pop()!);
}

describe.each([
  ['UTC', 0],
  ['Asia/Kolkata', -330],
])('false PASS regressions under TZ=%s', (tz, offset) => {
  it('fractional epoch, zone-less dates and an IPv4-mapped IPv6 CIDR all FAIL and replay', () => {
    const r = runIn(tz);
    // The child really runs in the zone (Kolkata is UTC+05:30: offset -330 minutes).
    expect(r.offsetMinutes).toBe(offset);
    for (const name of ['fractionalEpoch', 'zonelessDates']) {
      expect(r[name].result, name).toBe('FAIL');
      expect(r[name].request.action).toBe('s3:GetObject');
      expect(r[name].newDecision, name).toBe('Allowed');
      expect(r[name].existingDecision, name).not.toBe('Allowed');
    }
    expect(r.literalStarBesideVariable.result).toBe('FAIL');
    expect(r.literalStarBesideVariable.request.resource).toBe('arn:aws:s3:::a*b');
    expect(r.literalStarBesideVariable.newDecision).toBe('Allowed');
    expect(r.literalStarBesideVariable.existingDecision).not.toBe('Allowed');
    expect(r.mappedIpv6.result).toBe('FAIL');
    expect(r.mappedIpv6.decision).toBe('Allowed');
    expect(
      String(r.mappedIpv6.request.context['aws:SourceIp'] ?? r.mappedIpv6.request.context['aws:sourceip']),
    ).toMatch(/:/);
  }, 240_000);
});
