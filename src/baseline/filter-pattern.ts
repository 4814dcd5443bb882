/**
 * CloudWatch Logs JSON filter patterns (`{ ($.eventName = "X") && ... }`), parsed so that two
 * patterns compare by meaning of their text: whitespace, quotes around values, redundant
 * parentheses and the order of `&&` / `||` operands do not matter.
 * Syntax: https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html
 */

export type PatternNode = { op: '&&' | '||'; items: PatternNode[] } | { term: string };

export class PatternError extends Error {}

const OPS = ['!=', '>=', '<=', '=', '>', '<'];

function tokenize(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '(' || c === ')' || c === '{' || c === '}') {
      out.push(c);
      i++;
      continue;
    }
    if (text.startsWith('&&', i) || text.startsWith('||', i)) {
      out.push(text.slice(i, i + 2));
      i += 2;
      continue;
    }
    const op = OPS.find((o) => text.startsWith(o, i));
    if (op) {
      out.push(op);
      i += op.length;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      let v = '';
      while (j < text.length && text[j] !== '"') {
        if (text[j] === '\\' && j + 1 < text.length) j++;
        v += text[j];
        j++;
      }
      if (j >= text.length) throw new PatternError('unterminated string');
      out.push(`"${v}`);
      i = j + 1;
      continue;
    }
    let j = i;
    while (
      j < text.length &&
      !/[\s(){}"]/.test(text[j]) &&
      !OPS.some((o) => text.startsWith(o, j)) &&
      !text.startsWith('&&', j) &&
      !text.startsWith('||', j)
    )
      j++;
    out.push(text.slice(i, j));
    i = j;
  }
  return out;
}

/** Parses a JSON filter pattern; throws PatternError on text that is not one. */
export function parsePattern(text: string): PatternNode {
  const toks = tokenize(text);
  let k = 0;
  const peek = () => toks[k];
  const next = () => toks[k++];
  const expect = (t: string) => {
    if (next() !== t) throw new PatternError(`expected ${t}`);
  };
  const value = (): string => {
    const t = next();
    if (t === undefined) throw new PatternError('expected a value');
    return t.startsWith('"') ? t.slice(1) : t;
  };
  const primary = (): PatternNode => {
    if (peek() === '(') {
      next();
      const e = orExpr();
      expect(')');
      return e;
    }
    const field = next();
    if (!field?.startsWith('$')) throw new PatternError(`expected a $.field, found ${field ?? 'the end'}`);
    const t = peek();
    if (t === 'NOT') {
      next();
      expect('EXISTS');
      return { term: `${field} NOT EXISTS` };
    }
    if (t === 'IS') {
      next();
      const w = next();
      return { term: `${field} IS ${w}` };
    }
    if (t === undefined || !OPS.includes(t)) throw new PatternError(`expected an operator after ${field}`);
    next();
    return { term: `${field} ${t} ${value()}` };
  };
  const chain = (op: '&&' | '||', sub: () => PatternNode) => (): PatternNode => {
    const items = [sub()];
    while (peek() === op) {
      next();
      items.push(sub());
    }
    return items.length === 1 ? items[0] : { op, items };
  };
  const andExpr = chain('&&', primary);
  const orExpr = chain('||', andExpr);
  expect('{');
  const e = orExpr();
  expect('}');
  if (k !== toks.length) throw new PatternError('text after the closing brace');
  return e;
}

/** A canonical string: nested same-operator groups flattened, operands sorted. */
export function canonical(n: PatternNode): string {
  if ('term' in n) return n.term;
  const flat: PatternNode[] = [];
  const add = (x: PatternNode) => {
    if ('op' in x && x.op === n.op) x.items.forEach(add);
    else flat.push(x);
  };
  n.items.forEach(add);
  const parts = flat.map(canonical).sort();
  return `(${parts.join(` ${n.op} `)})`;
}

/** Canonical form of pattern text, or undefined when it does not parse. */
export function canonicalPattern(text: string): string | undefined {
  try {
    return canonical(parsePattern(text));
  } catch (e) {
    if (e instanceof PatternError) return undefined;
    throw e;
  }
}

const E = (names: string[]) => `{ ${names.map((n) => `($.eventName = ${n})`).join(' || ')} }`;
const S = (source: string, names: string[]) =>
  `{ ($.eventSource = ${source}) && (${names.map((n) => `($.eventName = ${n})`).join(' || ')}) }`;

/** The CIS / Security Hub CloudWatch.1-14 patterns (baseline-controls.md §5). */
export const CIS_PATTERNS: Record<
  number,
  { title: string; pattern: string; cis: { v120?: string; v140?: string; v300?: string } }
> = {
  1: {
    title: 'root user use',
    pattern:
      '{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}',
    cis: { v120: '3.3', v140: '4.3', v300: '4.3' },
  },
  2: {
    title: 'unauthorized API calls',
    pattern: '{($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")}',
    cis: { v120: '3.1', v300: '4.1' },
  },
  3: {
    title: 'console sign-in without MFA',
    pattern:
      '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
    cis: { v120: '3.2', v300: '4.2' },
  },
  4: {
    title: 'IAM policy changes',
    pattern: E([
      'DeleteGroupPolicy',
      'DeleteRolePolicy',
      'DeleteUserPolicy',
      'PutGroupPolicy',
      'PutRolePolicy',
      'PutUserPolicy',
      'CreatePolicy',
      'DeletePolicy',
      'CreatePolicyVersion',
      'DeletePolicyVersion',
      'AttachRolePolicy',
      'DetachRolePolicy',
      'AttachUserPolicy',
      'DetachUserPolicy',
      'AttachGroupPolicy',
      'DetachGroupPolicy',
    ]),
    cis: { v120: '3.4', v140: '4.4', v300: '4.4' },
  },
  5: {
    title: 'CloudTrail configuration changes',
    pattern: E(['CreateTrail', 'UpdateTrail', 'DeleteTrail', 'StartLogging', 'StopLogging']),
    cis: { v120: '3.5', v140: '4.5', v300: '4.5' },
  },
  6: {
    title: 'console authentication failures',
    pattern: '{($.eventName=ConsoleLogin) && ($.errorMessage="Failed authentication")}',
    cis: { v120: '3.6', v140: '4.6', v300: '4.6' },
  },
  7: {
    title: 'disabling or deleting customer managed keys',
    pattern: S('kms.amazonaws.com', ['DisableKey', 'ScheduleKeyDeletion']),
    cis: { v120: '3.7', v140: '4.7', v300: '4.7' },
  },
  8: {
    title: 'S3 bucket policy changes',
    pattern: S('s3.amazonaws.com', [
      'PutBucketAcl',
      'PutBucketPolicy',
      'PutBucketCors',
      'PutBucketLifecycle',
      'PutBucketReplication',
      'DeleteBucketPolicy',
      'DeleteBucketCors',
      'DeleteBucketLifecycle',
      'DeleteBucketReplication',
    ]),
    cis: { v120: '3.8', v140: '4.8', v300: '4.8' },
  },
  9: {
    title: 'AWS Config configuration changes',
    pattern: S('config.amazonaws.com', [
      'StopConfigurationRecorder',
      'DeleteDeliveryChannel',
      'PutDeliveryChannel',
      'PutConfigurationRecorder',
    ]),
    cis: { v120: '3.9', v140: '4.9', v300: '4.9' },
  },
  10: {
    title: 'security group changes',
    pattern: E([
      'AuthorizeSecurityGroupIngress',
      'AuthorizeSecurityGroupEgress',
      'RevokeSecurityGroupIngress',
      'RevokeSecurityGroupEgress',
      'CreateSecurityGroup',
      'DeleteSecurityGroup',
    ]),
    cis: { v120: '3.10', v140: '4.10', v300: '4.10' },
  },
  11: {
    title: 'network ACL changes',
    pattern: E([
      'CreateNetworkAcl',
      'CreateNetworkAclEntry',
      'DeleteNetworkAcl',
      'DeleteNetworkAclEntry',
      'ReplaceNetworkAclEntry',
      'ReplaceNetworkAclAssociation',
    ]),
    cis: { v120: '3.11', v140: '4.11', v300: '4.11' },
  },
  12: {
    title: 'network gateway changes',
    pattern: E([
      'CreateCustomerGateway',
      'DeleteCustomerGateway',
      'AttachInternetGateway',
      'CreateInternetGateway',
      'DeleteInternetGateway',
      'DetachInternetGateway',
    ]),
    cis: { v120: '3.12', v140: '4.12', v300: '4.12' },
  },
  13: {
    title: 'route table changes',
    pattern: E([
      'CreateRoute',
      'CreateRouteTable',
      'ReplaceRoute',
      'ReplaceRouteTableAssociation',
      'DeleteRouteTable',
      'DeleteRoute',
      'DisassociateRouteTable',
    ]),
    cis: { v120: '3.13', v140: '4.13', v300: '4.13' },
  },
  14: {
    title: 'VPC changes',
    pattern: E([
      'CreateVpc',
      'DeleteVpc',
      'ModifyVpcAttribute',
      'AcceptVpcPeeringConnection',
      'CreateVpcPeeringConnection',
      'DeleteVpcPeeringConnection',
      'RejectVpcPeeringConnection',
      'AttachClassicLinkVpc',
      'DetachClassicLinkVpc',
      'DisableVpcClassicLink',
      'EnableVpcClassicLink',
    ]),
    cis: { v120: '3.14', v140: '4.14', v300: '4.14' },
  },
};

/** The seed's iamAlarm pattern (iam.amazonaws.com and an event name prefix). */
export const SEED_IAM_PATTERN = `{ ($.eventSource = "iam.amazonaws.com") && (${['Add*', 'Attach*', 'Change*', 'Create*', 'Deactivate*', 'Delete*', 'Detach*', 'Enable*', 'Put*', 'Remove*', 'Set*', 'Update*', 'Upload*'].map((n) => `($.eventName = "${n}")`).join(' || ')}) }`;
