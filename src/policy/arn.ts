/**
 * ARN structure: arn:partition:service:region:account-id:resource
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
 */
export interface Arn {
  partition: string;
  service: string;
  region: string;
  account: string;
  /** Everything after the fifth colon (may itself contain colons and slashes). */
  resource: string;
}

/** Splits an ARN into its six components, or undefined when it is not `arn:` with five colons. */
export function parseArn(text: string): Arn | undefined {
  if (!text.startsWith('arn:')) return undefined;
  const parts: string[] = [];
  let start = 4;
  for (let i = 0; i < 4; i++) {
    const c = text.indexOf(':', start);
    if (c < 0) return undefined;
    parts.push(text.slice(start, c));
    start = c + 1;
  }
  const [partition, service, region, account] = parts;
  return { partition, service, region, account, resource: text.slice(start) };
}

export function formatArn(arn: Arn): string {
  return `arn:${arn.partition}:${arn.service}:${arn.region}:${arn.account}:${arn.resource}`;
}

/** A 12-digit AWS account id. */
export function isAccountId(text: string): boolean {
  return /^\d{12}$/.test(text);
}
