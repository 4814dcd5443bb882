/**
 * Who is "outside": the zone of trust of IAM Access Analyzer and the public principal.
 * Definitions and the AWS pages they follow are in docs/reasoning.md ("External and public access").
 *
 * - A principal is external when it is anonymous, an AWS service, a federated or canonical user, or
 *   an IAM principal whose account is not a zone account.
 * - Scoping condition keys pin a request to the zone when their value is trusted: account-valued
 *   keys hold a zone account, organization keys name the zone organization, ARN-valued keys carry a
 *   zone account, and keys naming network or identity handles (aws:SourceVpc, aws:SourceVpce,
 *   aws:userid) are trusted when the policy names that value. An external request has no trusted
 *   scoping value. aws:SourceIp and every other key scope nothing.
 * - A request is public when its principal is anonymous or in an account nobody named, and no
 *   scoping key has a value the policy names.
 */
import { parseArn } from '../policy/arn.js';
import { escapeRegex, globRegexSource } from '../policy/wildcard.js';
import { type Abstraction, PRINCIPAL_KEYS, type PredRef, principalOf } from './abstraction.js';
import { and, type Formula, not, TRUE } from './formula.js';

export type ScopeFamily = 'account' | 'org' | 'orgPath' | 'arn' | 'named';

/** Condition keys that limit access to the zone of trust, by how their values are judged. */
export const SCOPING_KEYS: Record<string, ScopeFamily> = {
  'aws:sourceaccount': 'account',
  'aws:sourceowner': 'account',
  'kms:calleraccount': 'account',
  'aws:principalorgid': 'org',
  'aws:sourceorgid': 'org',
  'aws:principalorgpaths': 'orgPath',
  'aws:sourceorgpaths': 'orgPath',
  'aws:sourcearn': 'arn',
  'aws:sourcevpc': 'named',
  'aws:sourcevpce': 'named',
  'aws:sourcevpcarn': 'named',
  'aws:userid': 'named',
  's3:x-amz-server-side-encryption-aws-kms-key-id': 'named',
};

export interface ZoneOfTrust {
  accounts: string[];
  orgId?: string;
}

const IAM_KINDS = new Set(['root', 'user', 'role', 'assumedRole', 'federatedUser']);

/** Predicates registered before finalize; formulas built after. */
export interface OutsidePlan {
  principal: PredRef;
  keys: Array<{ pos: number; multi: boolean; trusted: PredRef }>;
}

function scopingKeysPresent(abs: Abstraction): string[] {
  return abs.positions
    .filter((p) => p.kind === 'key' && p.key && SCOPING_KEYS[p.key] !== undefined)
    .map((p) => p.key!);
}

/** Registers "public request" predicates: call before `finalize`. */
export function planPublic(abs: Abstraction): OutsidePlan {
  const mentionedAccounts = abs.mentionedAccounts;
  abs.fresh(0);
  const principal = abs.constraint('principal', (w) => {
    const p = principalOf(w);
    if (p.kind === 'anonymous') return true;
    return IAM_KINDS.has(p.kind) && p.account !== undefined && !mentionedAccounts.has(p.account);
  });
  const keys = scopingKeysPresent(abs).map((key) => {
    const named = abs.mentionedMatcher(`key:${key}`);
    const trusted = abs.keyConstraint(key, (w) => w !== undefined && named(w));
    const pos = abs.getPosition(`key:${key}`)!;
    return { pos: pos.index, multi: pos.multi, trusted };
  });
  return { principal, keys };
}

/** Registers "outside the zone of trust" predicates: call before `finalize`. */
export function planExternal(abs: Abstraction, zone: ZoneOfTrust): OutsidePlan {
  const zoneAccounts = new Set(zone.accounts);
  for (const a of zone.accounts) abs.addPrincipalAccount(a);
  const principal = abs.constraint('principal', (w) => {
    const p = principalOf(w);
    if (IAM_KINDS.has(p.kind)) return p.account === undefined || !zoneAccounts.has(p.account);
    return true;
  });
  const keys = scopingKeysPresent(abs).map((key) => {
    const family = SCOPING_KEYS[key];
    const named = abs.mentionedMatcher(`key:${key}`);
    // Witness material so that classes separate trusted from untrusted values.
    if (family === 'account') {
      abs.addKeyMaterial(
        key,
        zone.accounts.map((a) => ({ source: escapeRegex(a), ignoreCase: false })),
        [...zone.accounts, abs.fresh(0)],
      );
    } else if (family === 'org' && zone.orgId) {
      abs.addKeyMaterial(
        key,
        [{ source: escapeRegex(zone.orgId), ignoreCase: false }],
        [zone.orgId, 'o-leastprivxx'],
      );
    } else if (family === 'orgPath' && zone.orgId) {
      abs.addKeyMaterial(
        key,
        [{ source: globRegexSource([`${zone.orgId}/*`]), ignoreCase: false }],
        [`${zone.orgId}/r-ab12/`, 'o-leastprivxx/r-ab12/'],
      );
    } else if (family === 'arn') {
      abs.addKeyMaterial(
        key,
        zone.accounts.map((a) => ({
          source: globRegexSource([`arn:*:*:*:${a}:*`], true),
          ignoreCase: false,
        })),
        zone.accounts.map((a) => `arn:aws:sns:us-east-1:${a}:example`),
      );
    }
    const trustedValue = (w: string): boolean => {
      switch (family) {
        case 'account':
          return zoneAccounts.has(w);
        case 'org':
          return zone.orgId !== undefined && w === zone.orgId;
        case 'orgPath':
          return zone.orgId !== undefined && w.startsWith(`${zone.orgId}/`);
        case 'arn': {
          const arn = parseArn(w);
          if (!arn) return false;
          return arn.account === '' ? named(w) : zoneAccounts.has(arn.account);
        }
        case 'named':
          return named(w);
      }
    };
    const trusted = abs.keyConstraint(key, (w) => w !== undefined && trustedValue(w));
    const pos = abs.getPosition(`key:${key}`)!;
    return { pos: pos.index, multi: pos.multi, trusted };
  });
  return { principal, keys };
}

/** The formula of an outside plan (after finalize): external principal and no trusted scoping value. */
export function outsideFormula(abs: Abstraction, plan: OutsidePlan): Formula {
  const parts: Formula[] = [abs.formulaOf(plan.principal)];
  for (const k of plan.keys) {
    if (!k.multi) parts.push(not(abs.formulaOf(k.trusted)));
    else {
      const trusted = abs.predClasses(k.trusted) ?? [];
      for (const c of trusted) parts.push(not({ k: 'has', pos: k.pos, cls: c }));
    }
  }
  return parts.length === 0 ? TRUE : and(...parts);
}

export { PRINCIPAL_KEYS };
