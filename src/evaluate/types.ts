import type { ContextInput } from '../policy/context.js';
import type { Location } from '../policy/location.js';
import type { Effect, PolicyDocument } from '../policy/model.js';

/** The policy types AWS names in access-denied messages. */
export type PolicyKind = 'scp' | 'rcp' | 'vpcEndpoint' | 'boundary' | 'session' | 'resource' | 'identity';

export type Decision = 'Allowed' | 'ImplicitDeny' | 'ExplicitDeny';

export interface PolicyRef {
  name?: string;
  document: PolicyDocument;
}

export interface PolicySet {
  identity?: PolicyRef[];
  resource?: PolicyRef | null;
  permissionBoundary?: PolicyRef | null;
  sessionPolicy?: PolicyRef | null;
  /** One array per level of the organization, root first. */
  scps?: PolicyRef[][];
  /** One array per level of the organization, root first. */
  rcps?: PolicyRef[][];
  vpcEndpoint?: PolicyRef | null;
}

export interface Request {
  /** An IAM ARN, an STS session ARN, an account id, a service principal, or `*`/`anonymous`. */
  principal: string;
  action: string;
  resource: string;
  context?: ContextInput;
}

export interface Organization {
  id?: string;
  managementAccount?: string;
}

export interface Scenario {
  /** Optional label, shown in text output. */
  name?: string;
  request: Request;
  principalAccount?: string;
  resourceAccount?: string;
  policies: PolicySet;
  organization?: Organization;
}

export interface MatchedStatement {
  policyType: PolicyKind;
  /** The policy's name, or its position such as `identity[0]` or `scps[1][0]`. */
  policy: string;
  /** The Sid, or the statement's index when it has none. */
  statement: string;
  effect: Effect;
  location: Location;
  file?: string;
}

export interface EvaluationResult {
  decision: Decision;
  deniedBy?: PolicyKind;
  message: string;
  matchedStatements: MatchedStatement[];
  missingContextKeys: string[];
}
