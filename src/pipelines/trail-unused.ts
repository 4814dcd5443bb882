/**
 * Unused access: per IAM user and role of an account snapshot, what its identity policies grant
 * and the trail does not show it using in the window; roles not used at all; access keys and
 * console passwords not used. Results have the shapes of IAM Access Analyzer's unused access
 * findings (GetFindingV2: findingType UnusedPermission | UnusedIAMRole | UnusedIAMUserAccessKey |
 * UnusedIAMUserPassword, with findingDetails) and, for permissions, its recommendation
 * (GetFindingRecommendation: recommendedSteps[].unusedPermissionsRecommendedStep).
 * https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_GetFindingV2.html
 * https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_FindingDetails.html
 * https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_GetFindingRecommendation.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-findings.html (unused access)
 *
 * "Granted" is read from the Allow statements' Action/NotAction (expanded over the service
 * reference), less actions an unconditional Deny on every resource removes; resource and
 * condition limits are not weighed (a grant on one bucket counts as granting the action).
 */
import { expandActionPattern, listActions, listServices } from '../catalog/index.js';
import { type GenerateResult, generatePolicy, type MappingData, type TrailCall } from '../generate/index.js';
import type { UnusedFinding, UnusedResult } from '../generate/unused.js';
import type { PolicyDocument } from '../policy/model.js';

export type { UnusedFinding, UnusedResult } from '../generate/unused.js';

import type { AccountDetails, AccountSnapshot, CredentialRow } from '../sources/account/index.js';

/** Calls of one principal: in the window, and ever (for lastAccessed). */
export interface PrincipalActivity {
  window: TrailCall[];
  all: TrailCall[];
}

function documentsOf(
  account: AccountDetails,
  principal: { inline: { document: PolicyDocument }[]; attached: string[] },
) {
  const docs: PolicyDocument[] = principal.inline.map((p) => p.document);
  for (const arn of principal.attached) {
    const m = account.policies.get(arn);
    if (m) docs.push(m.defaultVersion.document);
  }
  return docs;
}

let allActions: string[] | undefined;
function everyAction(): string[] {
  if (!allActions) allActions = listServices().flatMap((s) => listActions(s).map((a) => a.fullName));
  return allActions;
}

/** Actions the documents allow (Action/NotAction of Allow statements), less unconditional Deny on "*". */
export function grantedActions(docs: PolicyDocument[]): Set<string> {
  const granted = new Set<string>();
  const denied = new Set<string>();
  for (const doc of docs) {
    for (const st of doc.statements) {
      let actions: string[];
      if (st.action) actions = st.action.flatMap((a) => expandActionPattern(a.value));
      else if (st.notAction) {
        const not = new Set(st.notAction.flatMap((a) => expandActionPattern(a.value)));
        actions = everyAction().filter((a) => !not.has(a));
      } else continue;
      if (st.effect.value === 'Allow') for (const a of actions) granted.add(a);
      else if (st.conditions.length === 0 && st.resource?.some((r) => r.value === '*')) {
        for (const a of actions) denied.add(a);
      }
    }
  }
  for (const d of denied) granted.delete(d);
  return granted;
}

function lastAccessByAction(result: GenerateResult): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of result.calls) {
    for (const a of c.actions) if ((out.get(a) ?? '') < c.lastSeen) out.set(a, c.lastSeen);
  }
  return out;
}

const isActive = (v: string | undefined) => v === 'true';
const usedDate = (v: string | undefined) => (v && v !== 'N/A' && v !== 'no_information' ? v : undefined);

export function unusedAccess(
  snapshot: AccountSnapshot,
  activity: (principal: string) => PrincipalActivity,
  window: { from: string; to: string; days: number },
  data: MappingData,
): UnusedResult {
  const findings: UnusedFinding[] = [];
  const notes: string[] = [];
  const cred = new Map<string, CredentialRow>();
  for (const row of snapshot.credentialReport ?? []) if (row.arn) cred.set(row.arn, row);
  if (!snapshot.credentialReport) {
    notes.push('the snapshot has no credential report: unused access keys and passwords are not checked');
  }
  for (const account of snapshot.accounts) {
    const principals = [
      ...account.roles.map((r) => ({
        rec: r,
        docs: documentsOf(account, r),
        type: 'AWS::IAM::Role' as const,
      })),
      ...account.users.map((u) => {
        const docs = documentsOf(account, u);
        for (const g of account.groups.filter((x) => u.groups.includes(x.name)))
          docs.push(...documentsOf(account, g));
        return { rec: u, docs, type: 'AWS::IAM::User' as const };
      }),
    ];
    for (const { rec, docs, type } of principals) {
      // Service-linked roles are managed by their service: Access Analyzer leaves them out too.
      if (rec.kind === 'role' && rec.path.startsWith('/aws-service-role/')) continue;
      const act = activity(rec.arn);
      const base = {
        resource: rec.arn,
        resourceType: type,
        resourceOwnerAccount: account.id,
        status: 'ACTIVE' as const,
      };
      const ever = generatePolicy(rec.arn, act.all, data);
      const last = lastAccessByAction(ever);
      const lastAny = act.all.reduce<string | undefined>((m, c) => {
        const t = c.lastSeen ?? c.eventTime;
        return m === undefined || t > m ? t : m;
      }, undefined);
      const roleUnused = rec.kind === 'role' && act.window.length === 0;
      if (roleUnused) {
        findings.push({
          ...base,
          findingType: 'UnusedIAMRole',
          findingDetails: [{ unusedIamRoleDetails: { lastAccessed: lastAny ?? rec.lastUsed } }],
        });
      }
      if (rec.kind === 'user') {
        const row = cred.get(rec.arn);
        if (row) {
          for (const n of ['1', '2']) {
            const used = usedDate(row[`access_key_${n}_last_used_date`]);
            if (isActive(row[`access_key_${n}_active`]) && (!used || used < window.from)) {
              const keys = [
                ...new Set(
                  act.all.map((c) => c.accessKeyId).filter((k): k is string => !!k && k.startsWith('AKIA')),
                ),
              ];
              findings.push({
                ...base,
                findingType: 'UnusedIAMUserAccessKey',
                findingDetails: [
                  {
                    unusedIamUserAccessKeyDetails: {
                      accessKeyId: keys.length === 1 && n === '1' ? keys[0] : `access_key_${n}`,
                      lastAccessed: used,
                    },
                  },
                ],
              });
            }
          }
          const pw = usedDate(row.password_last_used);
          const signedIn = act.window.some((c) => c.eventName === 'ConsoleLogin' && !c.errorCode);
          if (isActive(row.password_enabled) && !signedIn && (!pw || pw < window.from)) {
            findings.push({
              ...base,
              findingType: 'UnusedIAMUserPassword',
              findingDetails: [{ unusedIamUserPasswordDetails: { lastAccessed: pw } }],
            });
          }
        }
      }
      // An unused role is one finding, as Access Analyzer reports it; its permissions are not listed again.
      if (roleUnused) continue;
      const granted = grantedActions(docs);
      if (granted.size === 0) continue;
      const inWindow = generatePolicy(rec.arn, act.window, data);
      const used = new Set(inWindow.calls.flatMap((c) => c.actions));
      const byService = new Map<string, string[]>();
      for (const a of granted) {
        if (used.has(a)) continue;
        const svc = a.split(':')[0];
        byService.set(svc, [...(byService.get(svc) ?? []), a]);
      }
      if (byService.size === 0) continue;
      const usedServices = new Set([...used].map((a) => a.split(':')[0]));
      const details = [...byService.entries()]
        .sort((a, b) => a[0].localeCompare(b[0]))
        .map(([svc, actions]) => {
          const lastSvc = [...last.entries()]
            .filter(([a]) => a.startsWith(`${svc}:`))
            .map(([, t]) => t)
            .sort()
            .pop();
          // A whole unused service is reported at service level, as Access Analyzer does.
          const detail: Record<string, unknown> = { serviceNamespace: svc, lastAccessed: lastSvc };
          if (usedServices.has(svc))
            detail.actions = actions
              .sort()
              .map((a) => ({ action: a.split(':')[1], lastAccessed: last.get(a) }));
          return { unusedPermissionDetails: detail };
        });
      const attachedIds = rec.attached;
      const steps =
        inWindow.policy.Statement.length > 0
          ? [
              {
                unusedPermissionsRecommendedStep: {
                  recommendedAction: 'CREATE_POLICY' as const,
                  recommendedPolicy: JSON.stringify(inWindow.policy),
                },
              },
            ]
          : attachedIds.map((id) => ({
              unusedPermissionsRecommendedStep: {
                recommendedAction: 'DETACH_POLICY' as const,
                existingPolicyId: id,
              },
            }));
      findings.push({
        ...base,
        findingType: 'UnusedPermission',
        findingDetails: details,
        recommendation: { recommendedSteps: steps },
      });
    }
  }
  return { window, findings, notes };
}
