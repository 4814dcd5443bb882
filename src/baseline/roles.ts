/**
 * The hydrate plan's role split, decided by the evaluator (src/evaluate) and, where a denial is
 * claimed as proved, by the reasoner (src/reason): administrators write IAM and CloudTrail,
 * operators only read them, developers deploy but create nothing, and every role is assumable only
 * with MFA. Roles and groups are matched to a kind by name only to know which rule to apply; what
 * they can do is always evaluated.
 */
import { arnFormatParts, getActionByName, getResourceType, listActions } from '../catalog/index.js';
import type { PolicyDocument, Statement } from '../policy/model.js';
import { parsePolicy } from '../policy/parse.js';
import type { IamGroup, IamModel, IamPolicy, IamRole } from './iam.js';
import { isObject } from './input.js';
import type { AccessDecision, NamedDocument, Oracle, ProofOutcome } from './oracle.js';

export type Kind = 'admin' | 'operator' | 'developer';
export const KINDS: Kind[] = ['admin', 'operator', 'developer'];

/** The plan's kinds by name (seed: littleAdmin, littleOperator, littleDeveloper), any case. */
export function kindOf(name: string): Kind | undefined {
  const n = name.toLowerCase();
  if (n.includes('admin')) return 'admin';
  if (n.includes('operator')) return 'operator';
  if (n.includes('developer')) return 'developer';
  return undefined;
}

export const DEFAULT_REGION = 'us-east-1';

export function refs(policies: IamPolicy[]): NamedDocument[] {
  return policies.filter((p) => p.document).map((p) => ({ name: p.name, document: p.document! }));
}

/**
 * The first Region the account's policies allow: the first value of a Deny on
 * `StringNotEquals aws:RequestedRegion` (seed limitRegions), else us-east-1.
 */
export function firstAllowedRegion(model: IamModel): string {
  const all = [...model.groups, ...model.roles, ...model.users].flatMap((p) => [...p.inline, ...p.attached]);
  for (const p of all) {
    for (const st of p.document?.statements ?? []) {
      if (st.effect.value !== 'Deny') continue;
      for (const c of st.conditions) {
        if (
          c.keyLower === 'aws:requestedregion' &&
          c.operator.base === 'StringNotEquals' &&
          c.values.length > 0
        ) {
          return String(c.values[0].value);
        }
      }
    }
  }
  return DEFAULT_REGION;
}

/** The audit's request context (spec "Permission split"). */
export function auditContext(region: string, mfa: boolean | undefined) {
  const ctx: Record<string, string> = { 'aws:SecureTransport': 'true', 'aws:RequestedRegion': region };
  if (mfa !== undefined) ctx['aws:MultiFactorAuthPresent'] = String(mfa);
  return ctx;
}

/** An ARN in the account of the action's first resource type (placeholders filled), or `*` when it has none. */
export function probeArn(action: string, account: string, region: string): string {
  const info = getActionByName(action);
  const type = info?.resourceTypes[0];
  if (!info || !type) return '*';
  const rt = getResourceType(info.service, type.name)?.arn;
  if (!rt) return '*';
  return arnFormatParts(rt)
    .map((p) => {
      if (!p.placeholder) return p.text;
      const name = p.text.replace(/^\$\{|\}$/g, '');
      if (name === 'Partition') return 'aws';
      if (name === 'Region') return region;
      if (name === 'Account') return account;
      return 'baseline-probe';
    })
    .join('');
}

/** Actions of a service with one of the access levels (from the catalogue). */
export function actionsWithLevel(service: string, levels: string[]): string[] {
  return listActions(service)
    .filter((a) => a.accessLevels.some((l) => levels.includes(l)))
    .map((a) => a.fullName);
}

/** IAM write: iam actions of access level Write or Permissions management. */
export function iamWriteActions(): string[] {
  return actionsWithLevel('iam', ['Write', 'Permissions management']);
}
/** CloudTrail write: cloudtrail actions of access level Write. */
export function cloudTrailWriteActions(): string[] {
  return actionsWithLevel('cloudtrail', ['Write', 'Permissions management']);
}

export interface Principal {
  arn: string;
  account: string;
  identity: NamedDocument[];
  boundary?: NamedDocument;
  region: string;
}

export function rolePrincipal(role: IamRole, account: string, region: string): Principal {
  return {
    arn: `arn:aws:sts::${account}:assumed-role/${role.name}/baseline-audit`,
    account,
    identity: refs([...role.inline, ...role.attached]),
    boundary: role.boundary?.document
      ? { name: role.boundary.name, document: role.boundary.document }
      : undefined,
    region,
  };
}

export type Access = 'allowed' | 'denied' | 'unresolved';

/** Evaluates one action of a principal on one resource under the audit context. */
export function evaluateAction(
  oracle: Oracle,
  p: Principal,
  action: string,
  resource: string,
  mfa = true,
): AccessDecision {
  return oracle.decide({
    principal: p.arn,
    action,
    resource,
    context: auditContext(p.region, mfa),
    principalAccount: p.account,
    resourceAccount: p.account,
    identity: p.identity,
    boundary: p.boundary,
  });
}

/**
 * Allowed: Allowed on an in-account ARN of the action's resource type. Denied: not allowed on `*`
 * nor on that ARN. An Allow that needed a key the context lacks leaves the answer unresolved.
 */
export function access(
  oracle: Oracle,
  p: Principal,
  action: string,
): { access: Access; result: AccessDecision; resource: string } {
  const arn = probeArn(action, p.account, p.region);
  const onArn = evaluateAction(oracle, p, action, arn);
  if (onArn.decision === 'Allowed') return { access: 'allowed', result: onArn, resource: arn };
  const onStar = arn === '*' ? onArn : evaluateAction(oracle, p, action, '*');
  if (onStar.decision === 'Allowed') return { access: 'allowed', result: onStar, resource: '*' };
  if (
    onArn.decision === 'ImplicitDeny' &&
    (onArn.missingContextKeys.length > 0 || onStar.missingContextKeys.length > 0)
  ) {
    return { access: 'unresolved', result: onArn, resource: arn };
  }
  return { access: 'denied', result: onArn, resource: arn };
}

/** One identity policy holding every Allow and Deny statement of the principal (identity policies combine by union). */
export function mergedIdentityDocument(policies: IamPolicy[]): PolicyDocument | undefined {
  const statements: unknown[] = [];
  for (const p of policies) {
    const raw = p.raw;
    if (!isObject(raw)) return undefined;
    const st = raw.Statement;
    statements.push(...(Array.isArray(st) ? st : [st]));
  }
  if (statements.length === 0) statements.push({ Effect: 'Deny', Action: 'none:none', Resource: '*' });
  const { policy, issues } = parsePolicy(
    JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2),
  );
  return policy && issues.length === 0 ? policy : undefined;
}

/**
 * Proves that none of `actions` is allowed by the role's identity policies under any request
 * (the reasoner's CheckAccessNotGranted over their union; a boundary only narrows, so leaving it
 * out keeps a PASS sound).
 */
export async function proveNotGranted(
  oracle: Oracle,
  policies: IamPolicy[],
  actions: string[],
): Promise<ProofOutcome> {
  if (policies.some((p) => !p.document))
    return { outcome: 'unknown', detail: 'a policy of the role could not be read' };
  const doc = mergedIdentityDocument(policies);
  if (!doc) return { outcome: 'unknown', detail: "the role's policies could not be combined" };
  return oracle.notGranted(doc, actions);
}

/** The statements that allowed, for evidence. */
export function allowingStatements(result: AccessDecision): string[] {
  return result.allowedBy;
}

/** Roles whose trust and the group's policies let a member of the group assume them (with MFA, or without when `mfa` is false). */
export function assumableRoles(
  oracle: Oracle,
  model: IamModel,
  group: IamGroup,
  account: string,
  region: string,
  mfa = true,
): IamRole[] {
  const identity = refs([...group.inline, ...group.attached]);
  const member = `arn:aws:iam::${account}:user/baseline-audit-member`;
  return model.roles.filter((role) => {
    if (!role.trust) return false;
    const r = oracle.decide({
      principal: member,
      action: 'sts:AssumeRole',
      resource: role.arn,
      context: auditContext(region, mfa),
      principalAccount: account,
      resourceAccount: account,
      identity,
      resourcePolicy: { name: 'trust policy', document: role.trust },
    });
    return r.decision === 'Allowed';
  });
}

/**
 * Does a statement require MFA: `Bool` (not BoolIfExists) `aws:MultiFactorAuthPresent` "true".
 * BoolIfExists matches when the key is absent (long-term keys), so it does not count.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-multifactorauthpresent
 */
export function requiresMfa(st: Statement): boolean {
  return st.conditions.some(
    (c) =>
      c.keyLower === 'aws:multifactorauthpresent' &&
      c.operator.base === 'Bool' &&
      !c.operator.ifExists &&
      !c.operator.qualifier &&
      c.values.length > 0 &&
      c.values.every((v) => String(v.value).toLowerCase() === 'true'),
  );
}

/** A one-statement policy without its conditions, to ask the evaluator what the statement covers. */
export function statementScope(st: Statement, doc: PolicyDocument): PolicyDocument | undefined {
  const raw = JSON.parse(doc.text) as Record<string, unknown>;
  const list = Array.isArray(raw.Statement) ? raw.Statement : [raw.Statement];
  const one = { ...(list[st.index] as Record<string, unknown>) };
  delete one.Condition;
  const { policy, issues } = parsePolicy(
    JSON.stringify({ Version: '2012-10-17', Statement: [one] }, null, 2),
  );
  return policy && issues.length === 0 ? policy : undefined;
}
