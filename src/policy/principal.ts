/**
 * Principals: what a request's principal string denotes, and how Principal / NotPrincipal
 * entries of resource-based policies match it.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns
 */
import { isAccountId, parseArn } from './arn.js';
import type { PrincipalBlock, PrincipalEntry } from './model.js';

export type PrincipalKind =
  | 'root'
  | 'user'
  | 'role'
  | 'assumedRole'
  | 'federatedUser'
  | 'service'
  | 'anonymous'
  | 'webIdentity'
  | 'canonicalUser';

export interface RequestPrincipal {
  /** As given by the caller. */
  text: string;
  kind: PrincipalKind;
  partition?: string;
  account?: string;
  /** User name, role name or federated user name. */
  name?: string;
  /** IAM path (`/` when the ARN has none) of a user or role. */
  path?: string;
  sessionName?: string;
  /** For a role session: the role's ARN (with the path when known). */
  roleArn?: string;
  /** The ARN used for aws:PrincipalArn. */
  principalArn?: string;
  /** Service-linked roles: path /aws-service-role/ or a name starting AWSServiceRoleFor. */
  serviceLinked: boolean;
}

/**
 * Reads a request principal: an IAM user, role or root ARN, an STS assumed-role or
 * federated-user session ARN, a bare account id (the root user), a service principal
 * (`s3.amazonaws.com`), or `*` / `anonymous` for an unauthenticated request.
 */
export function describePrincipal(text: string): RequestPrincipal {
  // The same request is described more than once (checked when read, then evaluated): the last
  // answer is kept beside the cache.
  if (text === lastText) return lastKnown!;
  let known = described.get(text);
  if (known === undefined) {
    // Requests repeat principals; descriptions are immutable, so they are shared.
    if (described.size >= 10_000) described.clear();
    known = Object.freeze(readPrincipal(text));
    described.set(text, known);
  }
  lastText = text;
  lastKnown = known;
  return known;
}

const described = new Map<string, RequestPrincipal>();
let lastText: string | undefined;
let lastKnown: RequestPrincipal | undefined;

type Fields = Omit<RequestPrincipal, 'text' | 'kind' | 'serviceLinked'> & { serviceLinked?: boolean };

/**
 * Every description has the same fields in the same order (absent ones undefined): one object
 * shape, so the evaluator's reads of them stay monomorphic, and no spread per new principal.
 */
function described_(text: string, kind: PrincipalKind, f: Fields = {}): RequestPrincipal {
  return {
    text,
    kind,
    partition: f.partition,
    account: f.account,
    name: f.name,
    path: f.path,
    sessionName: f.sessionName,
    roleArn: f.roleArn,
    principalArn: f.principalArn,
    serviceLinked: f.serviceLinked ?? false,
  };
}

function readPrincipal(text: string): RequestPrincipal {
  if (text === '*' || text.toLowerCase() === 'anonymous') return described_(text, 'anonymous');
  if (isAccountId(text)) {
    return described_(text, 'root', {
      account: text,
      partition: 'aws',
      principalArn: `arn:aws:iam::${text}:root`,
    });
  }
  const arn = parseArn(text);
  if (!arn) {
    if (/^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/i.test(text)) return described_(text, 'service');
    if (/^\d{1,32}$/.test(text) || /^[0-9a-f]{64}$/i.test(text)) return described_(text, 'canonicalUser');
    return described_(text, 'webIdentity');
  }
  const { partition, account } = arn;
  if (arn.service === 'iam') {
    if (arn.resource === 'root') return described_(text, 'root', { partition, account, principalArn: text });
    const m = /^(user|role)(\/(?:.*\/)?)?([^/]+)$/.exec(arn.resource);
    if (m) {
      const path = m[2] ?? '/';
      const kind = m[1] === 'user' ? 'user' : 'role';
      return described_(text, kind, {
        partition,
        account,
        name: m[3],
        path,
        principalArn: text,
        roleArn: kind === 'role' ? text : undefined,
        serviceLinked: kind === 'role' && isServiceLinked(path, m[3]),
      });
    }
    if (arn.resource.startsWith('saml-provider/') || arn.resource.startsWith('oidc-provider/')) {
      return described_(text, 'webIdentity', { partition, account });
    }
  }
  if (arn.service === 'sts') {
    const ar = /^assumed-role\/([^/]+)\/(.+)$/.exec(arn.resource);
    if (ar) {
      const roleArn = `arn:${arn.partition}:iam::${arn.account}:role/${ar[1]}`;
      return described_(text, 'assumedRole', {
        partition,
        account,
        name: ar[1],
        sessionName: ar[2],
        roleArn,
        principalArn: roleArn,
        serviceLinked: isServiceLinked('/', ar[1]),
      });
    }
    const fu = /^federated-user\/(.+)$/.exec(arn.resource);
    if (fu) return described_(text, 'federatedUser', { partition, account, name: fu[1], principalArn: text });
  }
  return described_(text, 'webIdentity', { partition, account, principalArn: text });
}

/**
 * Service-linked roles live under the /aws-service-role/ path and are named AWSServiceRoleFor...
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/using-service-linked-roles.html
 */
function isServiceLinked(path: string, name: string): boolean {
  return path.startsWith('/aws-service-role/') || name.startsWith('AWSServiceRoleFor');
}

/**
 * How a Principal entry matched the request principal. The evaluator needs this: within one
 * account a grant to a user ARN or a session ARN is not limited by implicit denies elsewhere,
 * a grant to a role ARN is limited by boundaries and session policies, a grant to the account
 * delegates to identity-based policies.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html#policy-eval-denyallow
 */
export type PrincipalMatch =
  | 'wildcard'
  | 'account'
  | 'user'
  | 'role'
  | 'session'
  | 'service'
  | 'federated'
  | 'canonical';

export type PrincipalMatcher = (p: RequestPrincipal) => PrincipalMatch | undefined;

/** Compiles one Principal entry. Wildcards other than a whole `*` are not expanded (AWS does not). */
export function compilePrincipalEntry(entry: PrincipalEntry): PrincipalMatcher {
  const v = entry.value.value;
  switch (entry.type) {
    case 'AWS':
      return compileAwsPrincipal(v);
    case 'Service': {
      const lower = v.toLowerCase();
      return (p) => (p.kind === 'service' && p.text.toLowerCase() === lower ? 'service' : undefined);
    }
    case 'Federated':
      // Identity providers: an OIDC or SAML provider ARN, or a provider name such as
      // accounts.google.com or cognito-identity.amazonaws.com (which reads like a service name).
      return (p) =>
        (p.kind === 'webIdentity' || p.kind === 'service') && p.text === v ? 'federated' : undefined;
    case 'CanonicalUser':
      return (p) => (p.kind === 'canonicalUser' && p.text === v ? 'canonical' : undefined);
  }
}

function compileAwsPrincipal(v: string): PrincipalMatcher {
  if (v === '*') return () => 'wildcard';
  const isIam = (p: RequestPrincipal) =>
    p.kind === 'root' ||
    p.kind === 'user' ||
    p.kind === 'role' ||
    p.kind === 'assumedRole' ||
    p.kind === 'federatedUser';
  if (isAccountId(v)) return (p) => (isIam(p) && p.account === v ? 'account' : undefined);
  const arn = parseArn(v);
  if (!arn) return () => undefined;
  if (arn.service === 'iam' && arn.resource === 'root') {
    return (p) =>
      isIam(p) && p.account === arn.account && p.partition === arn.partition ? 'account' : undefined;
  }
  const role = /^role\/(?:.*\/)?([^/]+)$/.exec(arn.resource);
  if (arn.service === 'iam' && role) {
    // A grant to a role ARN covers every session of that role. Role names are unique in an
    // account whatever their path, so a session (whose ARN has no path) matches by name.
    const name = role[1];
    return (p) =>
      (p.kind === 'assumedRole' || p.kind === 'role') &&
      p.account === arn.account &&
      p.partition === arn.partition &&
      p.name === name &&
      (p.kind === 'assumedRole' || p.text === v)
        ? 'role'
        : undefined;
  }
  if (arn.service === 'iam' && arn.resource.startsWith('user/')) {
    return (p) => (p.kind === 'user' && p.text === v ? 'user' : undefined);
  }
  if (arn.service === 'sts') {
    return (p) =>
      (p.kind === 'assumedRole' || p.kind === 'federatedUser') && p.text === v ? 'session' : undefined;
  }
  return (p) => (p.text === v ? 'session' : undefined);
}

/** Compiles a Principal / NotPrincipal block into a matcher returning the first match kind. */
export function compilePrincipalBlock(block: PrincipalBlock): PrincipalMatcher {
  if (block.wildcard) return () => 'wildcard';
  const matchers = block.entries.map(compilePrincipalEntry);
  return (p) => {
    let best: PrincipalMatch | undefined;
    for (const m of matchers) {
      const r = m(p);
      if (r === undefined) continue;
      // Prefer the grant that reaches the principal most directly: it decides how implicit
      // denies elsewhere apply. `*` names every principal itself, like its own ARN would, so a
      // statement listing both the account and `*` grants directly.
      if (best === undefined || SPECIFICITY[r] > SPECIFICITY[best]) best = r;
    }
    return best;
  };
}

const SPECIFICITY: Record<PrincipalMatch, number> = {
  account: 1,
  role: 2,
  user: 3,
  session: 3,
  service: 3,
  federated: 3,
  canonical: 3,
  wildcard: 4,
};

/**
 * Why a request principal is not one, or undefined when it is. A request is made by an IAM
 * user, role, role session, federated user, the root user (its ARN or the bare account id), an
 * AWS service principal, a web identity or SAML provider, a canonical user, or anonymously
 * (`*`); anything else (a bare name such as `alice`, an S3 ARN) would be silently taken for a
 * web identity and blamed on a resource-based policy.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
 */
export function principalProblem(text: string): string | undefined {
  const p = describePrincipal(text);
  if (p.kind !== 'webIdentity') return undefined;
  const arn = parseArn(text);
  if (arn) {
    if (arn.service === 'iam' && /^(saml|oidc)-provider\//.test(arn.resource)) return undefined;
    return `"${text}" is not a principal: an ARN of an IAM user, role or root (arn:aws:iam::ACCOUNT:user/NAME), an STS session (arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION) or an identity provider is expected`;
  }
  // Identity provider names are host names, possibly with a path (accounts.google.com,
  // cognito-identity.amazonaws.com, oidc.eks.REGION.amazonaws.com/id/ID).
  if (/^[a-z0-9-]+(\.[a-z0-9-]+)+(\/\S*)?$/i.test(text)) return undefined;
  return `"${text}" is not a principal: expected an IAM or STS ARN, a 12-digit account id, a service principal (s3.amazonaws.com), an identity provider, or * for anonymous`;
}

// Bits for the identities a NotPrincipal block lists, by how an entry matched the principal.
const LISTS_ACCOUNT = 1;
const LISTS_USER_OR_ROLE = 2;
const LISTS_SESSION = 4;
const LISTS_OTHER = 8;
const LISTED: Record<PrincipalMatch, number> = {
  wildcard: LISTS_ACCOUNT | LISTS_USER_OR_ROLE | LISTS_SESSION | LISTS_OTHER,
  account: LISTS_ACCOUNT,
  user: LISTS_USER_OR_ROLE,
  role: LISTS_USER_OR_ROLE,
  session: LISTS_SESSION,
  service: LISTS_OTHER,
  federated: LISTS_OTHER,
  canonical: LISTS_OTHER,
};

/**
 * Compiles a NotPrincipal block into "is this principal exempt?". AWS checks the principal's
 * chain: "the account first, then the role, and then the assumed-role user" (or the account, then
 * the user), so a principal is exempt only when every link of its chain is listed: an account ARN
 * alone exempts the account's root user, not its users and roles; a role session ARN exempts that
 * session only, and only together with its role and account.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html
 */
export function compileNotPrincipalBlock(block: PrincipalBlock): (p: RequestPrincipal) => boolean {
  if (block.wildcard) return () => true;
  const matchers = block.entries.map(compilePrincipalEntry);
  return (p) => {
    let listed = 0;
    for (const m of matchers) {
      const r = m(p);
      if (r !== undefined) listed |= LISTED[r];
    }
    const need = CHAIN[p.kind];
    return (listed & need) === need;
  };
}

const CHAIN: Record<PrincipalKind, number> = {
  root: LISTS_ACCOUNT,
  user: LISTS_ACCOUNT | LISTS_USER_OR_ROLE,
  role: LISTS_ACCOUNT | LISTS_USER_OR_ROLE,
  assumedRole: LISTS_ACCOUNT | LISTS_USER_OR_ROLE | LISTS_SESSION,
  federatedUser: LISTS_ACCOUNT | LISTS_SESSION,
  service: LISTS_OTHER,
  anonymous: LISTS_OTHER,
  webIdentity: LISTS_OTHER,
  canonicalUser: LISTS_OTHER,
};
