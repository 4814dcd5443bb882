/**
 * HYD-ROLE-ADMIN, HYD-ROLE-OPERATOR, HYD-ROLE-DEVELOPER: what each role of the plan may and may not
 * do, evaluated over its inline, attached and boundary policies with aws:MultiFactorAuthPresent,
 * aws:SecureTransport and the first allowed Region (spec "Permission split"). Denials are also
 * given to the reasoner: a PASS there is a proof over every request, and the message says "proved".
 */
import type { Control } from '../define.js';
import { defineControl, fail, pass, unknown, verdict } from '../define.js';
import type { IamModel, IamRole } from '../iam.js';
import type { Oracle } from '../oracle.js';
import {
  access,
  allowingStatements,
  cloudTrailWriteActions,
  firstAllowedRegion,
  iamWriteActions,
  type Kind,
  kindOf,
  proveNotGranted,
  rolePrincipal,
} from '../roles.js';
import type { Evidence, Verdict } from '../types.js';

/** IAM writes the seed's operator policy grants on purpose; HYD-ESCALATION judges them. */
export const OPERATOR_IAM_EXCEPTIONS = ['iam:PassRole', 'iam:CreateServiceLinkedRole'];

export const OPERATOR_ALLOWED = [
  'iam:GetRole',
  'iam:GetPolicyVersion',
  'iam:ListAttachedRolePolicies',
  'cloudtrail:DescribeTrails',
  'cloudtrail:GetTrailStatus',
  'cloudtrail:GetEventSelectors',
  'cloudtrail:LookupEvents',
];
export const OPERATOR_CREATE_ONE_OF = ['s3:CreateBucket', 'lambda:CreateFunction'];
export const ADMIN_ALLOWED = [
  'iam:CreatePolicy',
  'iam:AttachRolePolicy',
  'iam:PutRolePolicy',
  'iam:CreateUser',
  'cloudtrail:UpdateTrail',
  'cloudtrail:PutEventSelectors',
];
export const DEVELOPER_EXTRA_DENIED = [
  's3:CreateBucket',
  'lambda:CreateFunction',
  'dynamodb:CreateTable',
  'cloudformation:CreateStack',
  'ec2:RunInstances',
];
export const DEVELOPER_DEPLOY_ONE_OF = ['s3:PutObject', 'lambda:UpdateFunctionCode', 'ecs:UpdateService'];
export const DEVELOPER_LOGS_ONE_OF = ['logs:FilterLogEvents', 'logs:GetLogEvents'];

export function operatorDenied(): string[] {
  const ex = new Set(OPERATOR_IAM_EXCEPTIONS.map((a) => a.toLowerCase()));
  return [...iamWriteActions().filter((a) => !ex.has(a.toLowerCase())), ...cloudTrailWriteActions()];
}

interface Rules {
  allowed: string[];
  oneOf: string[][];
  denied: string[];
  /** How a proved denial is worded. */
  deniedLabel: string;
}

function rulesFor(kind: Kind): Rules {
  const opDenied = operatorDenied();
  switch (kind) {
    case 'admin':
      return {
        allowed: [...ADMIN_ALLOWED, ...OPERATOR_ALLOWED],
        oneOf: [OPERATOR_CREATE_ONE_OF],
        denied: [],
        deniedLabel: '',
      };
    case 'operator':
      return {
        allowed: OPERATOR_ALLOWED,
        oneOf: [OPERATOR_CREATE_ONE_OF],
        denied: opDenied,
        deniedLabel: 'cannot write IAM or CloudTrail',
      };
    case 'developer':
      return {
        allowed: [],
        oneOf: [DEVELOPER_DEPLOY_ONE_OF, DEVELOPER_LOGS_ONE_OF],
        denied: [...opDenied, ...DEVELOPER_EXTRA_DENIED],
        deniedLabel: 'cannot write IAM or CloudTrail nor create resources',
      };
  }
}

export async function decideSplit(
  oracle: Oracle,
  model: IamModel,
  role: IamRole,
  kind: Kind,
  account: string,
): Promise<Verdict> {
  const region = firstAllowedRegion(model);
  const p = rolePrincipal(role, account, region);
  const policies = [...role.inline, ...role.attached];
  const unreadable = [...policies, ...(role.boundary ? [role.boundary] : [])].filter((x) => !x.document);
  const ev: Evidence[] = [role.evidence, ...policies.map((x) => x.evidence)];
  const rules = rulesFor(kind);
  const breaches: string[] = [];
  const unresolved: string[] = [];
  const facts: string[] = [];

  for (const a of rules.denied) {
    const r = access(oracle, p, a);
    if (r.access === 'allowed')
      breaches.push(
        `${kind} can ${a} on ${r.resource} (${allowingStatements(r.result).join(', ') || 'allowed'})`,
      );
    else if (r.access === 'unresolved')
      breaches.push(`${kind} may ${a}: an Allow depends on ${r.result.missingContextKeys.join(', ')}`);
  }
  const missingAllowed: string[] = [];
  for (const a of rules.allowed) {
    const r = access(oracle, p, a);
    if (r.access === 'allowed') continue;
    if (r.access === 'unresolved')
      unresolved.push(`${a} depends on ${r.result.missingContextKeys.join(', ')}`);
    else missingAllowed.push(a);
  }
  for (const group of rules.oneOf) {
    const results = group.map((a) => ({ a, r: access(oracle, p, a) }));
    const ok = results.find((x) => x.r.access === 'allowed');
    if (ok) facts.push(`${kind} can ${ok.a}: allowed`);
    else if (results.some((x) => x.r.access === 'unresolved'))
      unresolved.push(`none of ${group.join(', ')} is allowed without unresolved keys`);
    else missingAllowed.push(`one of ${group.join(', ')}`);
  }
  if (rules.allowed.length > 0 && missingAllowed.length === 0)
    facts.unshift(
      `${kind} can ${rules.allowed.slice(0, 2).join(', ')}${rules.allowed.length > 2 ? ', ...' : ''}: allowed`,
    );

  if (breaches.length > 0)
    return fail(
      breaches.slice(0, 5).join('; ') + (breaches.length > 5 ? `; and ${breaches.length - 5} more` : ''),
      ev,
      role.name,
    );
  if (missingAllowed.length > 0 && unreadable.length === 0)
    return fail(`${kind} cannot ${missingAllowed.join(', ')}`, ev, role.name);

  let denial = '';
  if (rules.denied.length > 0) {
    const proof = await proveNotGranted(oracle, policies, rules.denied);
    denial =
      proof.outcome === 'proved'
        ? `${kind} ${rules.deniedLabel}: proved`
        : `${kind} ${rules.deniedLabel}: denied by evaluation under the audit context (not proved: ${proof.detail})`;
  }
  const message = [denial, ...facts].filter(Boolean).join('; ');
  if (unreadable.length > 0) {
    return unknown(
      `${message}${message ? '; ' : ''}policies not readable: ${unreadable.map((x) => x.arn ?? x.name).join(', ')}${missingAllowed.length ? ` (${kind} cannot ${missingAllowed.join(', ')} without them)` : ''}`,
      ev,
      role.name,
    );
  }
  if (unresolved.length > 0) return unknown(`${message}; unproved: ${unresolved.join('; ')}`, ev, role.name);
  return verdict('PASS', message, ev, role.name);
}

function splitControl(kind: Kind, id: string, title: string): Control {
  return defineControl(
    { id, title, section: 'roles', exports: ['iam get-account-authorization-details'] },
    async (input) => {
      const model = input.iam;
      if (!model) return unknown('the export `aws iam get-account-authorization-details` is missing');
      const account = model.account ?? input.account ?? '123456789012';
      const roles = model.roles.filter((r) => kindOf(r.name) === kind);
      if (roles.length === 0) return fail(`no ${kind} role (a role whose name contains "${kind}")`);
      const out: Verdict[] = [];
      for (const r of roles) out.push(await decideSplit(input.oracle, model, r, kind, account));
      return out;
    },
  );
}

export const adminRole = splitControl(
  'admin',
  'HYD-ROLE-ADMIN',
  "The administrator role writes IAM and CloudTrail and has the operator's rights",
);
export const operatorRole = splitControl(
  'operator',
  'HYD-ROLE-OPERATOR',
  'The operator role cannot write IAM or CloudTrail, reads them, and creates resources',
);
export const developerRole = splitControl(
  'developer',
  'HYD-ROLE-DEVELOPER',
  'The developer role deploys and reads logs, and creates nothing',
);
export { pass };
