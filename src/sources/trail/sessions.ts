/**
 * Role sessions from the events table: each distinct (session ARN, temporary access key) of an
 * assumed role, joined to the STS call that issued its credentials (responseElements
 * credentials.accessKeyId), which names who assumed the role, from where, with which source
 * identity; a caller that was itself a session links the chain.
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/cloudtrail-integration.html#stscloudtrailexample
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_monitor.html (sourceIdentity)
 */
import { isDenied } from '../../generate/index.js';
import type { TrailStore } from './store.js';

export const SESSIONS_SQL = `WITH sessions AS (
  SELECT principal_arn AS session_arn, access_key_id, session_issuer_arn AS role_arn,
    any_value(account_id) AS account_id,
    strftime(min(event_time), '%Y-%m-%dT%H:%M:%SZ') AS first_seen,
    strftime(max(event_time), '%Y-%m-%dT%H:%M:%SZ') AS last_seen,
    strftime(min(session_created), '%Y-%m-%dT%H:%M:%SZ') AS created,
    bool_or(session_mfa) AS mfa,
    max(source_identity) AS source_identity,
    list(DISTINCT source_ip ORDER BY source_ip) FILTER (WHERE source_ip IS NOT NULL) AS source_ips,
    count(*) AS calls
  FROM events
  WHERE identity_type = 'AssumedRole' AND access_key_id IS NOT NULL
  GROUP BY principal_arn, access_key_id, session_issuer_arn
), issued AS (
  SELECT json_extract_string(response_elements, '$.credentials.accessKeyId') AS issued_key,
    event_name AS issued_by_call,
    strftime(event_time, '%Y-%m-%dT%H:%M:%SZ') AS issued_at,
    principal_arn AS caller_arn, identity_type AS caller_type, access_key_id AS caller_key,
    principal_account AS caller_account, source_ip AS caller_ip, user_agent AS caller_agent,
    session_mfa AS caller_mfa,
    json_extract_string(request_parameters, '$.sourceIdentity') AS requested_source_identity,
    json_extract_string(request_parameters, '$.serialNumber') AS mfa_serial
  FROM events
  WHERE event_source = 'sts.amazonaws.com' AND event_name LIKE 'AssumeRole%' AND error_code IS NULL
    AND response_elements IS NOT NULL
)
SELECT s.*, i.* EXCLUDE (issued_key)
FROM sessions AS s
LEFT JOIN issued AS i ON i.issued_key = s.access_key_id
ORDER BY s.first_seen, s.session_arn`;

export const SESSION_CALLS_SQL = `SELECT principal_arn AS session_arn, access_key_id, event_source, event_name, error_code, count(*) AS n
FROM events
WHERE identity_type = 'AssumedRole' AND access_key_id IS NOT NULL
GROUP BY principal_arn, access_key_id, event_source, event_name, error_code
ORDER BY principal_arn, access_key_id, event_source, event_name, error_code`;

export interface SessionCall {
  eventSource: string;
  eventName: string;
  count: number;
  errors: Record<string, number>;
}

export interface RoleSession {
  sessionArn: string;
  role: string | null;
  account: string | null;
  accessKeyId: string;
  created: string | null;
  firstSeen: string;
  lastSeen: string;
  mfa: boolean;
  sourceIdentity: string | null;
  sourceIps: string[];
  assumedBy: {
    principal: string | null;
    type: string | null;
    accessKeyId: string | null;
    account: string | null;
    sourceIp: string | null;
    userAgent: string | null;
    call: string;
    at: string;
    mfa: boolean;
  } | null;
  /** The session (its access key) that assumed this one, when it was role chaining. */
  parentSession: string | null;
  crossAccount: boolean;
  calls: number;
  denied: number;
  actions: SessionCall[];
}

type Row = Record<string, unknown>;
const s = (v: unknown) => (v === null || v === undefined ? null : String(v));

export async function listSessions(store: TrailStore, principal?: string): Promise<RoleSession[]> {
  const rows = await store.query<Row>(SESSIONS_SQL);
  const calls = await store.query<Row>(SESSION_CALLS_SQL);
  const byKey = new Map<string, SessionCall[]>();
  const deniedByKey = new Map<string, number>();
  for (const c of calls) {
    const key = `${c.session_arn} ${c.access_key_id}`;
    const list = byKey.get(key) ?? [];
    let entry = list.find((x) => x.eventSource === c.event_source && x.eventName === c.event_name);
    if (!entry) {
      entry = { eventSource: String(c.event_source), eventName: String(c.event_name), count: 0, errors: {} };
      list.push(entry);
    }
    const n = Number(c.n);
    entry.count += n;
    if (c.error_code) {
      entry.errors[String(c.error_code)] = n;
      if (isDenied(String(c.error_code))) deniedByKey.set(key, (deniedByKey.get(key) ?? 0) + n);
    }
    byKey.set(key, list);
  }
  const sessions: RoleSession[] = rows.map((r) => {
    const key = `${r.session_arn} ${r.access_key_id}`;
    const roleAccount = s(r.role_arn)?.split(':')[4] ?? s(r.account_id);
    const by = r.issued_by_call
      ? {
          principal: s(r.caller_arn),
          type: s(r.caller_type),
          accessKeyId: s(r.caller_key),
          account: s(r.caller_account),
          sourceIp: s(r.caller_ip),
          userAgent: s(r.caller_agent),
          call: String(r.issued_by_call),
          at: String(r.issued_at),
          mfa: r.caller_mfa === true || r.mfa_serial !== null,
        }
      : null;
    return {
      sessionArn: String(r.session_arn),
      role: s(r.role_arn),
      account: s(r.account_id),
      accessKeyId: String(r.access_key_id),
      created: s(r.created),
      firstSeen: String(r.first_seen),
      lastSeen: String(r.last_seen),
      mfa: r.mfa === true,
      sourceIdentity: s(r.source_identity) ?? s(r.requested_source_identity),
      sourceIps: (r.source_ips as string[] | null) ?? [],
      assumedBy: by,
      parentSession: by?.type === 'AssumedRole' ? by.accessKeyId : null,
      crossAccount: by?.account != null && roleAccount != null && by.account !== roleAccount,
      calls: Number(r.calls),
      denied: deniedByKey.get(key) ?? 0,
      actions: byKey.get(key) ?? [],
    };
  });
  if (!principal) return sessions;
  return sessions.filter(
    (x) => x.role === principal || x.sessionArn === principal || x.assumedBy?.principal === principal,
  );
}
