/** Rendering of the trail commands' results: text for people, JSON in the shapes of issue 13. */
import type { GenerateResult, Verification } from '../generate/index.js';
import type { UnusedResult } from '../generate/unused.js';
import type { RoleSession } from '../sources/trail/sessions.js';
import type { IngestSummary } from '../sources/trail/store.js';

export function ingestJson(s: IngestSummary): string {
  const { files, records, ingested, duplicates, rejected, problems } = s;
  return JSON.stringify(
    {
      files,
      records,
      ingested,
      duplicates,
      rejected,
      problems: problems.map((p) => ({ file: p.file, index: p.index ?? null, reason: p.reason })),
    },
    null,
    2,
  );
}

export function ingestText(s: IngestSummary): string {
  const lines = [
    `${s.files} file(s) read, ${s.records} record(s): ${s.ingested} stored, ${s.duplicates} duplicate(s), ${s.rejected} rejected`,
  ];
  if (s.unchanged > 0) lines.push(`${s.unchanged} file(s) unchanged since the last ingest: not read again`);
  if (s.digests > 0) lines.push(`${s.digests} digest file(s) skipped`);
  for (const p of s.problems) {
    lines.push(`${p.file}${p.index === undefined ? '' : ` record ${p.index}`}: ${p.reason}`);
  }
  return lines.join('\n');
}

export function generateJson(r: GenerateResult): string {
  const { principal, policy, calls, deniedCalls, unmapped } = r;
  return JSON.stringify({ principal, policy, calls, deniedCalls, unmapped }, null, 2);
}

/** How the policy was checked, in one sentence. */
export function verificationNote(v: Verification): string {
  const blocking = v.blocking.length;
  const checks = `validated with Access Analyzer's policy checks (${blocking === 0 ? 'no' : blocking} ERROR or SECURITY_WARNING finding${blocking === 1 ? '' : 's'})`;
  const replay = `replayed ${v.replayed} logged access${v.replayed === 1 ? '' : 'es'} of successful calls through the evaluator against this policy alone: ${v.allowed} allowed${v.failures.length > 0 ? `, ${v.failures.length} NOT allowed` : ''}`;
  return `${checks}; ${replay}`;
}

export function verificationProblems(v: Verification): string[] {
  return [
    ...v.blocking.map((f) => `${f.findingType} ${f.issueCode}: ${f.findingDetails}`),
    ...v.failures.map(
      (f) => `not allowed (${f.decision}): ${f.action} on ${f.resource} (needed by ${f.call})`,
    ),
  ];
}

export function generateText(r: GenerateResult, v: Verification): string {
  const lines = [
    `Policy for ${r.principal} (${r.calls.reduce((n, c) => n + c.count, 0)} calls):`,
    JSON.stringify(r.policy, null, 2),
  ];
  const free = r.calls.filter((c) => c.noPermission);
  if (free.length > 0) {
    lines.push('', 'Calls that need no permission of the caller:');
    for (const c of free) lines.push(`  ${c.eventSource} ${c.eventName} x${c.count}: ${c.noPermission}`);
  }
  if (r.deniedCalls.length > 0) {
    lines.push('', 'Denied calls (not granted):');
    for (const d of r.deniedCalls) {
      lines.push(
        `  ${d.eventSource} ${d.eventName} x${d.count}: ${d.errorCode}${d.actions.length ? ` (${d.actions.join(', ')})` : ''}`,
      );
    }
  }
  if (r.unmapped.length > 0) {
    lines.push('', 'Calls mapped to no IAM action (not granted):');
    for (const u of r.unmapped) lines.push(`  ${u.eventSource} ${u.eventName} x${u.count}: ${u.reason}`);
  }
  if (r.notes.length > 0) {
    lines.push('', 'Notes:');
    for (const n of r.notes) lines.push(`  ${n}`);
  }
  lines.push('', `Checked: ${verificationNote(v)}.`);
  for (const p of verificationProblems(v)) lines.push(`  ${p}`);
  return lines.join('\n');
}

export function sessionsJson(sessions: RoleSession[]): string {
  return JSON.stringify({ sessions }, null, 2);
}

export function sessionsText(sessions: RoleSession[]): string {
  if (sessions.length === 0) return 'No role sessions.';
  const out: string[] = [];
  for (const x of sessions) {
    out.push(`${x.sessionArn} (key ${x.accessKeyId})`);
    out.push(
      `  role ${x.role ?? '?'}; ${x.firstSeen} .. ${x.lastSeen}; ${x.calls} call(s), ${x.denied} denied; MFA ${x.mfa ? 'yes' : 'no'}`,
    );
    if (x.sourceIdentity) out.push(`  source identity ${x.sourceIdentity}`);
    if (x.sourceIps.length > 0) out.push(`  from ${x.sourceIps.join(', ')}`);
    if (x.assumedBy) {
      const b = x.assumedBy;
      out.push(
        `  assumed by ${b.principal ?? b.type ?? '?'} with ${b.call} at ${b.at} from ${b.sourceIp ?? '?'}${x.crossAccount ? ' (cross-account)' : ''}${x.parentSession ? ` (chained from session key ${x.parentSession})` : ''}`,
      );
    } else out.push('  assumed by: the STS call that issued this session is not in the database');
    for (const a of x.actions) {
      const errs = Object.entries(a.errors).map(([k, v]) => `${k} x${v}`);
      out.push(
        `    ${a.eventSource} ${a.eventName} x${a.count}${errs.length ? ` (${errs.join(', ')})` : ''}`,
      );
    }
  }
  return out.join('\n');
}

export function unusedJson(r: UnusedResult): string {
  return JSON.stringify({ window: r.window, findings: r.findings }, null, 2);
}

export function unusedText(r: UnusedResult): string {
  const lines = [
    `Unused access from ${r.window.from} to ${r.window.to} (${r.window.days} days): ${r.findings.length} finding(s)`,
  ];
  for (const f of r.findings) {
    lines.push(`${f.findingType} ${f.resource}`);
    const whole = f.findingDetails
      .map((d) => Object.values(d)[0] as Record<string, unknown>)
      .filter((d) => f.findingType === 'UnusedPermission' && !d.actions)
      .map((d) => String(d.serviceNamespace));
    if (whole.length > 0)
      lines.push(`  ${whole.length} service(s) granted and wholly unused: ${whole.join(', ')}`);
    for (const d of f.findingDetails) {
      const detail = Object.values(d)[0] as Record<string, unknown>;
      if (f.findingType === 'UnusedPermission' && !detail.actions) continue;
      if (f.findingType === 'UnusedPermission') {
        const actions = detail.actions as Array<{ action: string }> | undefined;
        lines.push(
          `  ${detail.serviceNamespace}: ${actions ? actions.map((a) => a.action).join(', ') : 'whole service unused'}${detail.lastAccessed ? ` (last accessed ${detail.lastAccessed})` : ''}`,
        );
      } else {
        const key = detail.accessKeyId ? `${detail.accessKeyId} ` : '';
        lines.push(`  ${key}last accessed ${detail.lastAccessed ?? 'never (in the data)'}`);
      }
    }
    for (const s of f.recommendation?.recommendedSteps ?? []) {
      const step = s.unusedPermissionsRecommendedStep;
      lines.push(
        step.recommendedAction === 'CREATE_POLICY'
          ? `  recommended policy: ${step.recommendedPolicy}`
          : `  recommended: detach ${step.existingPolicyId}`,
      );
    }
  }
  return lines.join('\n');
}
