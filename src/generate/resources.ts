/**
 * Resource ARNs for one action of one logged call, built from the service reference's ARN
 * formats (catalog) and what the log shows: the `resources` field's ARNs, ARNs in the request,
 * and request parameters named after the format's placeholders (`${BucketName}` <- bucketName).
 * A built ARN is kept only when it matches the format it was built from.
 * https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
 *
 * When nothing concrete can be built, the action's resource types give ARNs with the known parts
 * (partition, region, account) filled and the rest `*` ("widened"); `*` alone only for actions
 * with no resource type. Never a `${Placeholder}`.
 */
import { type ActionInfo, actionResourceTypes, arnFormatMatcher, arnFormatParts } from '../catalog/index.js';

export interface CallContext {
  region: string | null;
  account: string | null;
  /** The caller's ARN (for IAM calls on the caller's own user). */
  principalArn?: string | null;
  requestParameters: unknown;
  resources: unknown;
}

export type ResourceHow = 'concrete' | 'widened' | 'no resource type';

export interface ActionResources {
  arns: string[];
  how: ResourceHow;
  /** The ARNs that were widened (a subset of arns). */
  widened: string[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The partition of a region: aws-cn for China, aws-us-gov for GovCloud, aws otherwise. */
export function partitionOf(region: string | null): string {
  if (region?.startsWith('cn-')) return 'aws-cn';
  if (region?.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** Request parameter names that may hold a placeholder's value, most specific first. */
function candidateKeys(placeholder: string): string[] {
  const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
  const keys = [placeholder, lowerFirst(placeholder)];
  const base = placeholder.replace(/WithPath$|WithoutLeadingSlash$/, '');
  if (base !== placeholder) keys.push(lowerFirst(base));
  if (placeholder === 'ObjectName') keys.push('key', 'Key');
  if (placeholder === 'BucketName') keys.push('bucket', 'Bucket');
  if (placeholder === 'ParameterNameWithoutLeadingSlash') keys.push('name');
  if (/Name$/.test(placeholder)) keys.push('name');
  if (/Id$/.test(placeholder)) keys.push(lowerFirst(placeholder.replace(/Id$/, 'Name')));
  keys.push(`${lowerFirst(placeholder)}s`);
  return [...new Set(keys)];
}

/** The values of the first parameter present: a string, or an array of strings (`instanceIds`). */
function paramValues(params: unknown, keys: string[]): string[] | undefined {
  if (!isObj(params)) return undefined;
  for (const k of keys) {
    const v = params[k];
    if (typeof v === 'string' && v !== '') return [v];
    if (Array.isArray(v)) {
      const xs = v.filter((x): x is string => typeof x === 'string' && x !== '');
      if (xs.length > 0) return xs;
    }
  }
  return undefined;
}

/** Every string in the request parameters (two levels deep) and the resources field that looks like an ARN. */
function loggedArns(ctx: CallContext): string[] {
  const out: string[] = [];
  const visit = (v: unknown, depth: number) => {
    if (typeof v === 'string') {
      if (v.startsWith('arn:')) out.push(v);
    } else if (Array.isArray(v)) {
      for (const x of v) visit(x, depth);
    } else if (isObj(v) && depth < 3) {
      for (const x of Object.values(v)) visit(x, depth + 1);
    }
  };
  if (Array.isArray(ctx.resources)) {
    for (const r of ctx.resources) if (isObj(r) && typeof r.ARN === 'string') out.push(r.ARN);
  }
  visit(ctx.requestParameters, 0);
  return [...new Set(out)];
}

const MAX_BUILT = 100;

/** Fills an ARN format from the call; several values of one parameter give several ARNs. */
function fill(format: string, ctx: CallContext, service: string, widen: boolean): string[] {
  let arns = [''];
  for (const part of arnFormatParts(format)) {
    let values: string[];
    if (!part.placeholder) values = [part.text];
    else {
      const name = part.text.slice(2, -1);
      if (name === 'Partition') values = [partitionOf(ctx.region)];
      else if (name === 'Region' || name === 'Account') {
        const v = name === 'Region' ? ctx.region : ctx.account;
        if (!v) return [];
        values = [v];
      } else {
        const found = (paramValues(ctx.requestParameters, candidateKeys(name)) ?? [])
          .filter((v) => !v.startsWith('arn:') && !/[*?]/.test(v))
          .map((v) => {
            if (name === 'ParameterNameWithoutLeadingSlash') return v.replace(/^\//, '');
            // Secrets Manager adds six random characters to a secret's name in its ARN.
            // https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_examples.html
            if (service === 'secretsmanager' && name === 'SecretId') return `${v}-??????`;
            return v;
          });
        if (found.length === 0) {
          if (!widen) return [];
          values = ['*'];
        } else values = found;
      }
    }
    arns = arns.flatMap((a) => values.map((v) => a + v)).slice(0, MAX_BUILT);
  }
  return arns;
}

/** ARNs for `action` as one logged call used it. */
export function resourcesFor(
  action: ActionInfo,
  ctx: CallContext,
  onlyTypes?: readonly string[],
): ActionResources {
  if (action.isWildcardOnly || action.resourceTypes.length === 0) {
    return { arns: ['*'], how: 'no resource type', widened: [] };
  }
  const only = onlyTypes ? new Set(onlyTypes) : undefined;
  const types = actionResourceTypes(action).filter((t) => t.type && (!only || only.has(t.ref.name)));
  const logged = loggedArns(ctx);
  const anyRequired = types.some((t) => t.ref.required);
  const arns = new Set<string>();
  const widened: string[] = [];
  const perType = types.map(({ ref, type }) => {
    const matches = arnFormatMatcher(type!.arn);
    const found = new Set(logged.filter((a) => matches(a)));
    for (const built of fill(type!.arn, ctx, action.service, false)) if (matches(built)) found.add(built);
    // IAM user calls without a user name act on the caller's own user.
    // https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetUser.html (UserName)
    if (
      found.size === 0 &&
      action.service === 'iam' &&
      ref.name === 'user' &&
      paramValues(ctx.requestParameters, ['userName']) === undefined &&
      ctx.principalArn &&
      matches(ctx.principalArn)
    ) {
      found.add(ctx.principalArn);
    }
    return { required: ref.required || only !== undefined, format: type!.arn, found };
  });
  const anyConcrete = perType.some((t) => t.found.size > 0);
  for (const t of perType) {
    for (const a of t.found) arns.add(a);
    // A required resource type the log does not name (or, for actions whose types are all
    // optional, no type named at all) is widened within the call's partition, region and account.
    if (t.found.size === 0 && (t.required || (!anyRequired && !anyConcrete))) {
      for (const w of fill(t.format, ctx, action.service, true)) {
        arns.add(w);
        widened.push(w);
      }
    }
  }
  if (arns.size === 0) return { arns: ['*'], how: 'widened', widened: ['*'] };
  return { arns: [...arns].sort(), how: widened.length > 0 ? 'widened' : 'concrete', widened };
}
