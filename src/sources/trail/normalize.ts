/**
 * One CloudTrail record -> one row of the events table, or the reason it cannot be stored.
 * Field meanings: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html
 * and userIdentity: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html
 *
 * Type drift seen in real samples is absorbed here, once: booleans written as strings
 * ("true"/"false"), times written as "YYYY-MM-DD HH:MM:SS.fffffffff" instead of ISO 8601.
 */
import { createHash } from 'node:crypto';

export interface EventRow {
  /** Deduplication key: the eventID, or `sha256:<hash of the record>` when it has none. */
  eventKey: string;
  eventId: string | null;
  /** Milliseconds since the epoch (UTC). */
  eventTime: number;
  eventVersion: string | null;
  accountId: string | null;
  region: string | null;
  eventSource: string;
  eventName: string;
  eventType: string | null;
  eventCategory: string | null;
  readOnly: boolean | null;
  managementEvent: boolean | null;
  identityType: string | null;
  principalArn: string | null;
  principalId: string | null;
  principalAccount: string | null;
  userName: string | null;
  accessKeyId: string | null;
  invokedBy: string | null;
  sessionIssuerArn: string | null;
  sessionIssuerType: string | null;
  sessionMfa: boolean | null;
  sessionCreated: number | null;
  sourceIdentity: string | null;
  sourceIp: string | null;
  userAgent: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  vpcEndpointId: string | null;
  requestParameters: string | null;
  responseElements: string | null;
  resources: string | null;
  additionalEventData: string | null;
  userIdentity: string | null;
}

export type Normalized = { row: EventRow } | { reason: string };

type Obj = Record<string, unknown>;

function obj(v: unknown): Obj | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : undefined;
}

function str(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return null;
}

/** true/false, also when written as a string ("true", "False"). */
export function bool(v: unknown): boolean | null {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    const l = v.trim().toLowerCase();
    if (l === 'true') return true;
    if (l === 'false') return false;
  }
  return null;
}

function json(v: unknown): string | null {
  return v === undefined || v === null ? null : JSON.stringify(v);
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})?$/;

/** Parses CloudTrail's eventTime (ISO 8601, UTC) and the space-separated form some exporters write. */
export function parseEventTime(v: unknown): number | undefined {
  if (typeof v !== 'string') return undefined;
  const m = ISO.exec(v.trim());
  if (!m) return undefined;
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  let t = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6], ms);
  if (m[8] && m[8] !== 'Z') {
    const sign = m[8][0] === '-' ? -1 : 1;
    const digits = m[8].slice(1).replace(':', '');
    t -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return Number.isNaN(t) ? undefined : t;
}

/** Normalizes one record. `undefined` (a record that did not parse) is rejected by the caller. */
export function normalizeRecord(record: unknown): Normalized {
  const r = obj(record);
  if (!r) return { reason: 'record is not a JSON object' };
  const eventSource = str(r.eventSource);
  const eventName = str(r.eventName);
  if (!eventSource) return { reason: 'record has no eventSource' };
  if (!eventName) return { reason: 'record has no eventName' };
  const eventTime = parseEventTime(r.eventTime);
  if (eventTime === undefined) {
    return {
      reason:
        r.eventTime === undefined
          ? 'record has no eventTime'
          : `eventTime ${JSON.stringify(r.eventTime)} is not a time`,
    };
  }
  const ui = obj(r.userIdentity);
  const sc = obj(ui?.sessionContext);
  const issuer = obj(sc?.sessionIssuer);
  const attrs = obj(sc?.attributes);
  const eventId = str(r.eventID);
  const created = attrs ? parseEventTime(attrs.creationDate) : undefined;
  const row: EventRow = {
    eventKey: eventId ?? '',
    eventId,
    eventTime,
    eventVersion: str(r.eventVersion),
    accountId: str(r.recipientAccountId) ?? str(ui?.accountId),
    region: str(r.awsRegion),
    eventSource,
    eventName,
    eventType: str(r.eventType),
    eventCategory: str(r.eventCategory),
    readOnly: bool(r.readOnly),
    managementEvent: bool(r.managementEvent),
    identityType: str(ui?.type),
    principalArn: str(ui?.arn),
    principalId: str(ui?.principalId),
    principalAccount: str(ui?.accountId),
    userName: str(ui?.userName) ?? str(issuer?.userName),
    accessKeyId: str(ui?.accessKeyId),
    invokedBy: str(ui?.invokedBy),
    sessionIssuerArn: str(issuer?.arn),
    sessionIssuerType: str(issuer?.type),
    sessionMfa: bool(attrs?.mfaAuthenticated),
    sessionCreated: created ?? null,
    sourceIdentity: str(sc?.sourceIdentity) ?? str(ui?.sourceIdentity),
    sourceIp: str(r.sourceIPAddress),
    userAgent: str(r.userAgent),
    errorCode: str(r.errorCode),
    errorMessage: str(r.errorMessage),
    vpcEndpointId: str(r.vpcEndpointId),
    requestParameters: json(r.requestParameters),
    // Kept for the session view only (STS and sign-in responses carry the new session's identity).
    responseElements:
      eventSource === 'sts.amazonaws.com' || eventSource === 'signin.amazonaws.com'
        ? json(r.responseElements)
        : null,
    resources: json(r.resources),
    additionalEventData: json(r.additionalEventData),
    userIdentity: json(r.userIdentity),
  };
  if (!eventId) row.eventKey = `sha256:${createHash('sha256').update(JSON.stringify(record)).digest('hex')}`;
  return { row };
}
