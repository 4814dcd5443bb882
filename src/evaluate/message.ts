/**
 * The sentence AWS prints in an access-denied error, naming the policy type that denied.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html
 */
import type { PolicyKind } from './types.js';

const NAMES: Record<PolicyKind, string> = {
  scp: 'service control policy',
  rcp: 'resource control policy',
  vpcEndpoint: 'VPC endpoint policy',
  boundary: 'permissions boundary',
  session: 'session policy',
  resource: 'resource-based policy',
  identity: 'identity-based policy',
};

export function policyKindName(kind: PolicyKind): string {
  return NAMES[kind];
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

export interface MessageInput {
  principal: string;
  action: string;
  resource: string;
  explicit: boolean;
  kind: PolicyKind;
}

export function deniedMessage(m: MessageInput): string {
  const who = m.principal === '*' ? 'anonymous' : m.principal;
  const on = m.resource && m.resource !== '*' ? ` on resource: ${m.resource}` : '';
  const head = `User: ${who} is not authorized to perform: ${m.action}${on}`;
  const name = NAMES[m.kind];
  // An SCP's implicit deny reads like the others: the page's "Implicit deny example (SCP)" is
  // "... is not authorized to perform: s3:GetObject because no service control policy allows
  // the s3:GetObject action".
  if (m.explicit) return `${head} with an explicit deny in ${article(name)} ${name}`;
  return `${head} because no ${name} allows the ${m.action} action`;
}

export function allowedMessage(principal: string, action: string, resource: string): string {
  const who = principal === '*' ? 'anonymous' : principal;
  const on = resource && resource !== '*' ? ` on resource: ${resource}` : '';
  return `User: ${who} is authorized to perform: ${action}${on}`;
}
