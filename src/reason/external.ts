/**
 * Who is "outside": the zone of trust of IAM Access Analyzer and the public principal.
 * Definitions and the AWS pages they follow are in docs/reasoning.md ("External and public access").
 *
 * - A principal is external when it is anonymous, a federated or canonical user, or an IAM principal
 *   whose account is not a zone account. AWS service principals never are (Access Analyzer reports
 *   no findings for them).
 * - Scoping condition keys pin a request to the zone when their value is trusted: account-valued
 *   keys hold a zone account, organization keys name the zone organization, ARN-valued keys carry a
 *   zone account, and keys naming network or identity handles (aws:SourceVpc, aws:SourceVpce,
 *   aws:userid) are trusted when the policy names that value. An external request has no trusted
 *   scoping value. aws:SourceIp and every other key scope nothing.
 * - A request is public when its principal is anonymous, in an account nobody named, or a user of a
 *   public identity provider (Google, Facebook, Login with Amazon, Cognito) whose application key
 *   the policy does not pin, and no scoping key has a value the policy names (with a zone of trust,
 *   access point keys must name a zone account: a cross-account access point is public).
 */
import { parseArn } from '../policy/arn.js';
import { escapeRegex, globRegexSource } from '../policy/wildcard.js';
import { type Abstraction, PRINCIPAL_KEYS, type PredRef, principalOf } from './abstraction.js';
import { and, type Formula, not, TRUE } from './formula.js';
import type { ConcreteRequest } from './query.js';

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
  // A bucket policy delegating to access points: the access points' own policies decide.
  's3:dataaccesspointaccount': 'account',
  's3:dataaccesspointarn': 'arn',
};

/** Keys that scope public access only through the zone of trust when one is given (access points). */
const ZONE_PUBLIC_KEYS = new Set(['s3:dataaccesspointaccount', 's3:dataaccesspointarn']);

/**
 * Identity providers anyone can sign in to, with the condition key that names the application
 * (audience): a role trusting one without pinning that key is public.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif
 */
export const PUBLIC_IDENTITY_PROVIDERS: Readonly<Record<string, string>> = {
  'cognito-identity.amazonaws.com': 'cognito-identity.amazonaws.com:aud',
  'accounts.google.com': 'accounts.google.com:aud',
  'graph.facebook.com': 'graph.facebook.com:app_id',
  'www.amazon.com': 'www.amazon.com:app_id',
};
const AUDIENCE_KEYS = new Set(Object.values(PUBLIC_IDENTITY_PROVIDERS));

/** A principal of a public identity provider (cognito-identity.amazonaws.com reads like a service name). */
export function isPublicIdentityProvider(w: string): boolean {
  return Object.hasOwn(PUBLIC_IDENTITY_PROVIDERS, w);
}

/** Access Analyzer reports no findings for AWS service principals (public identity providers aside). */
function isServicePrincipal(w: string): boolean {
  return principalOf(w).kind === 'service' && !isPublicIdentityProvider(w);
}

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

/**
 * Registers "public request" predicates: call before `finalize`. With a zone of trust (analyze),
 * access point keys are trusted only when they name a zone account.
 */
export function planPublic(abs: Abstraction, zone?: ZoneOfTrust): OutsidePlan {
  const mentionedAccounts = abs.mentionedAccounts;
  abs.fresh(0);
  const principal = abs.constraint('principal', (w) => {
    const p = principalOf(w);
    if (p.kind === 'anonymous' || isPublicIdentityProvider(w)) return true;
    return IAM_KINDS.has(p.kind) && p.account !== undefined && !mentionedAccounts.has(p.account);
  });
  const present = scopingKeysPresent(abs);
  for (const key of abs.positions.filter((p) => p.kind === 'key' && p.key && AUDIENCE_KEYS.has(p.key)))
    present.push(key.key!);
  const keys = present.map((key) => {
    const named = abs.mentionedMatcher(`key:${key}`);
    const trustedValue =
      zone && ZONE_PUBLIC_KEYS.has(key) ? zoneTrust(abs, key, zone) : (w: string) => named(w);
    const trusted = abs.keyConstraint(key, (w) => w !== undefined && trustedValue(w));
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
    return !isServicePrincipal(w);
  });
  const keys = scopingKeysPresent(abs).map((key) => {
    const trusted = abs.keyConstraint(key, zoneTrust(abs, key, zone));
    const pos = abs.getPosition(`key:${key}`)!;
    return { pos: pos.index, multi: pos.multi, trusted };
  });
  return { principal, keys };
}

/** Whether a scoping key's value keeps a request inside the zone of trust (adds witness material). */
function zoneTrust(abs: Abstraction, key: string, zone: ZoneOfTrust): (w: string | undefined) => boolean {
  const zoneAccounts = new Set(zone.accounts);
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
      default:
        return false;
    }
  };
  return (w) => w !== undefined && trustedValue(w);
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

/**
 * `kms:CallerAccount` is "the AWS account ID of the caller"
 * (https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-caller-account),
 * which the evaluator reads from the context like any key. An example request that names one account
 * there and a principal of another reads as nonsense: move the principal into that account when the
 * evaluator still reaches the same decision and the principal stays outside the zone; else keep it.
 */
export function alignCallerAccount(
  request: ConcreteRequest,
  zone: ZoneOfTrust,
  decide: (r: ConcreteRequest) => string,
  decision: string,
): ConcreteRequest {
  const entry = Object.entries(request.context).find(([k]) => k.toLowerCase() === 'kms:calleraccount');
  const account = entry?.[1];
  if (typeof account !== 'string' || !/^\d{12}$/.test(account) || zone.accounts.includes(account))
    return request;
  const p = principalOf(request.principal);
  if (!IAM_KINDS.has(p.kind) || !p.account || p.account === account) return request;
  const moved = request.principal.replace(`:${p.account}:`, `:${account}:`);
  if (principalOf(moved).account !== account) return request;
  const candidate = { ...request, principal: moved };
  return decide(candidate) === decision ? candidate : request;
}
