/**
 * Principal element checks: wildcards, service principal and federated principal formats, trust
 * policy rules for identity providers (OIDC, SAML, GitHub, IAM Roles Anywhere), service
 * principals without source conditions, and principal IDs instead of ARNs.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
 */
import type { PrincipalEntry, Statement } from '../../../policy/model.js';
import { actionPatternMatches, type CheckContext } from '../../context.js';

export function* principalEntries(ctx: CheckContext): Generator<[Statement, PrincipalEntry]> {
  for (const st of ctx.statements) {
    for (const block of [st.principal, st.notPrincipal]) {
      if (block && !block.wildcard) for (const e of block.entries) yield [st, e];
    }
  }
}

export function entriesOf(st: Statement, type: PrincipalEntry['type']): PrincipalEntry[] {
  return st.principal && !st.principal.wildcard ? st.principal.entries.filter((e) => e.type === type) : [];
}

/** True when the statement's Action list allows the action (Allow statements only). */
export function allowsAction(ctx: CheckContext, st: Statement, action: string): boolean {
  if (st.notAction) return !st.notAction.some((a) => actionPatternMatches(a.value, action));
  return ctx.actions(st).some((a) => actionPatternMatches(a.text, action));
}

export const SERVICE_PRINCIPAL =
  /^[a-z0-9][a-z0-9.-]*\.(amazonaws\.com(\.cn)?|amazon\.com|c2s\.ic\.gov|sc2s\.sgov\.gov)$/;

export const SAML_PROVIDER = /^arn:aws[a-z-]*:iam::\d{12}:saml-provider\/[\w+=,.@-]+$/;
export const OIDC_PROVIDER = /^arn:aws[a-z-]*:iam::\d{12}:oidc-provider\/.+$/;
export const DOMAIN = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+(\/[^\s]*)?$/i;

export function providerKind(value: string): 'saml' | 'oidc' | undefined {
  if (SAML_PROVIDER.test(value)) return 'saml';
  if (OIDC_PROVIDER.test(value) || DOMAIN.test(value)) return 'oidc';
  return undefined;
}

/** The provider host an OIDC principal names (`token.actions.githubusercontent.com`, `accounts.google.com`, ...). */
export function oidcHost(value: string): string | undefined {
  const m = /:oidc-provider\/(.+)$/.exec(value);
  if (m) return m[1];
  return DOMAIN.test(value) ? value : undefined;
}

export const GITHUB = 'token.actions.githubusercontent.com';

export const SOURCE_KEYS = new Set([
  'aws:sourcearn',
  'aws:sourceaccount',
  'aws:sourceorgid',
  'aws:sourceorgpaths',
]);

export const NOT_FOR_SERVICES = /^aws:(principalorgid|principalorgpaths|principaltag\/.+)$/i;
