/**
 * What the controls ask of the evaluator and the reasoner, as an interface the caller provides
 * (src/pipelines/baseline.ts binds it to src/evaluate and src/reason): the baseline engine stays a
 * room of its own that imports no other engine.
 */
import type { PolicyDocument } from '../policy/model.js';

export interface NamedDocument {
  name: string;
  document: PolicyDocument;
}

export interface AccessRequest {
  principal: string;
  action: string;
  resource: string;
  context: Record<string, string>;
  principalAccount?: string;
  resourceAccount?: string;
  identity?: NamedDocument[];
  boundary?: NamedDocument;
  /** The resource-based policy (a role's trust policy for sts:AssumeRole, a topic policy...). */
  resourcePolicy?: NamedDocument;
}

export interface AccessDecision {
  decision: 'Allowed' | 'ImplicitDeny' | 'ExplicitDeny';
  /** Condition keys an Allow needed that the request context lacks. */
  missingContextKeys: string[];
  /** `policy statement N` of every Allow that matched. */
  allowedBy: string[];
}

export interface ProofOutcome {
  /** proved: no request at all is allowed; not-proved: the reasoner found one; unknown: no answer. */
  outcome: 'proved' | 'not-proved' | 'unknown';
  detail: string;
}

export interface Oracle {
  /** The concrete authorizer's decision for one request. */
  decide(request: AccessRequest): AccessDecision;
  /** Can the identity policy allow any of the actions under any request? (CheckAccessNotGranted) */
  notGranted(policy: PolicyDocument, actions: string[]): Promise<ProofOutcome>;
}
