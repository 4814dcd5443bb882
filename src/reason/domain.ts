/**
 * Well-formedness facts every query adds (the "enforcer" of Cedar's symbolic compiler): who can
 * be the principal of a request a policy type governs, and which actions a resource type admits.
 */
import { probeArn, resourceTypeNames, resourceTypeRecord } from '../catalog/resource-types.js';
import { compileActionList } from '../policy/action.js';
import {
  type Abstraction,
  type PolicyRole,
  type PredRef,
  principalOf,
  wellFormedPrincipal,
} from './abstraction.js';
import { and, type Formula } from './formula.js';
import { type PolicyType, UnsupportedQueryError } from './types.js';

/** The resource types whose policies are limited to their services' actions (the catalog's records). */
export function reasonResourceTypes(): string[] {
  return resourceTypeNames();
}

export function servicesForResourceType(resourceType: string | undefined): string[] | undefined {
  const services = resourceTypeRecord(resourceType)?.services;
  return services ? [...services] : undefined;
}

export function roleOf(policyType: PolicyType): PolicyRole {
  switch (policyType) {
    case 'IDENTITY_POLICY':
      return 'identity';
    case 'RESOURCE_POLICY':
      return 'resource';
    case 'SERVICE_CONTROL_POLICY':
      return 'scp';
    case 'RESOURCE_CONTROL_POLICY':
      // An RCP only denies, and only for the services that support them: it is decided within a
      // policy set (combined.ts rcpAlone), never as a policy of its own.
      throw new UnsupportedQueryError('a RESOURCE_CONTROL_POLICY is checked within a policy set (rcpAlone)');
  }
}

const IAM_IDENTITY_KINDS = new Set(['user', 'role', 'assumedRole', 'federatedUser']);
const IAM_ALL_KINDS = new Set(['root', ...IAM_IDENTITY_KINDS]);

/** Facts every query adds: who can be the principal, which actions a resource type admits. */
export function domain(
  abs: Abstraction,
  role: PolicyRole,
  resourceAccount: string,
  resourceType?: string,
): () => Formula {
  // Only well-formed principals (12-digit accounts): the abstraction covers every string, and
  // counterexamples from malformed ARNs would prove nothing about real requests.
  const parts: Array<ReturnType<Abstraction['constraint']>> = [
    abs.constraint('principal', (w) => wellFormedPrincipal(w, abs.namedPrincipals)),
  ];
  if (role === 'identity' || role === 'scp') {
    // Identity policies and SCPs govern IAM identities (not the root user for identity policies,
    // never service-linked roles for SCPs).
    parts.push(
      abs.constraint('principal', (w) => {
        const p = principalOf(w);
        return IAM_IDENTITY_KINDS.has(p.kind) && !p.serviceLinked && p.account !== undefined;
      }),
    );
  } else {
    // Replays put the resource in `resourceAccount`; its own principals are a different question.
    // (Only IAM principals have identity policies; federated and service principals are decided by
    // the resource policy wherever their provider lives.)
    parts.push(
      abs.constraint('principal', (w) => {
        const p = principalOf(w);
        return !IAM_ALL_KINDS.has(p.kind) || p.account !== resourceAccount;
      }),
    );
  }
  parts.push(...resourceTypeFacts(abs, resourceAccount, resourceType));
  return () => and(...parts.map((p) => abs.formulaOf(p)));
}

/** The resource type's facts: its services' actions only, and a probe resource of that type. */
function resourceTypeFacts(abs: Abstraction, resourceAccount: string, resourceType?: string): PredRef[] {
  const record = resourceTypeRecord(resourceType);
  const probe = record && probeArn(record, { account: resourceAccount });
  if (probe) abs.probeResource = probe;
  const services = servicesForResourceType(resourceType);
  if (!services) return [];
  for (const s of services) abs.addActionPattern(`${s}:*`);
  const m = compileActionList(services.map((s) => `${s}:*`));
  return [abs.constraint('action', (w) => m(w.toLowerCase()))];
}

/**
 * Facts of a question about a whole policy set (combined.ts): every well-formed principal (the
 * evaluator itself decides which policies apply to it), the resource type's actions.
 */
export function setDomain(abs: Abstraction, resourceAccount: string, resourceType?: string): () => Formula {
  const parts = [
    abs.constraint('principal', (w) => wellFormedPrincipal(w, abs.namedPrincipals)),
    ...resourceTypeFacts(abs, resourceAccount, resourceType),
  ];
  return () => and(...parts.map((p) => abs.formulaOf(p)));
}
