import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const FIX = 'test/fixtures/trail';

/** A fresh scratch folder; `put` writes a file in it (gzip when the name ends in .gz). */
export function scratch(prefix = 'leastpriv-trail-') {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    db: join(dir, 'trail.duckdb'),
    put(name: string, content: unknown): string {
      const p = join(dir, name);
      mkdirSync(dirname(p), { recursive: true });
      const text = typeof content === 'string' ? content : JSON.stringify(content);
      writeFileSync(p, name.endsWith('.gz') ? gzipSync(text) : text);
      return p;
    },
  };
}

let n = 0;
/** A minimal well-formed CloudTrail record; fields can be overridden. */
export function rec(over: Record<string, unknown> = {}): Record<string, unknown> {
  n++;
  return {
    eventVersion: '1.09',
    eventTime: '2024-05-01T10:00:00Z',
    eventSource: 's3.amazonaws.com',
    eventName: 'ListBuckets',
    awsRegion: 'us-east-1',
    sourceIPAddress: '192.0.2.1',
    userAgent: 'aws-cli/2',
    eventID: `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`,
    eventType: 'AwsApiCall',
    readOnly: true,
    recipientAccountId: '111122223333',
    userIdentity: {
      type: 'IAMUser',
      principalId: 'AIDAEXAMPLE',
      arn: 'arn:aws:iam::111122223333:user/alice',
      accountId: '111122223333',
      accessKeyId: 'AKIAEXAMPLE',
      userName: 'alice',
    },
    requestParameters: null,
    ...over,
  };
}
