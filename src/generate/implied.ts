/**
 * Actions a call needed that CloudTrail does not log as events of their own.
 *
 * - iam:PassRole, whenever a call hands a role to a service: the role ARN is in the request, and
 *   the service it is passed to is the iam:PassedToService condition value.
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#ck_PassedToService
 *   For RunInstances with an instance profile the role inside the profile is not in the log: a
 *   note says so (the profile ARN is not the role ARN, and a guessed role would be wrong).
 * - ec2:CreateTags when an EC2 create call carries tag specifications, with the ec2:CreateAction
 *   condition naming the call.
 *   https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/supported-iam-actions-tagging.html
 */

export interface Implied {
  action: string;
  /** Concrete resource ARNs, when the request names them. */
  resources?: string[];
  /** Resource types (of the action's service) the access is about, when known. */
  resourceTypes?: string[];
  /** Condition block entries: operator -> key -> values. */
  conditions?: Record<string, Record<string, string[]>>;
}

export interface ImpliedResult {
  implied: Implied[];
  notes: string[];
}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads a dotted path (`a.b`, with `[]` fanning out over arrays) from request parameters. */
export function pick(params: unknown, path: string): string[] {
  let cur: unknown[] = [params];
  for (const part of path.split('.')) {
    const fan = part.endsWith('[]');
    const key = fan ? part.slice(0, -2) : part;
    const next: unknown[] = [];
    for (const c of cur) {
      if (!isObj(c)) continue;
      const v = c[key];
      if (fan && Array.isArray(v)) next.push(...v);
      else if (fan && isObj(v) && Array.isArray(v.items)) next.push(...v.items);
      else if (v !== undefined) next.push(v);
    }
    cur = next;
  }
  return cur.filter((v): v is string => typeof v === 'string' && v !== '');
}

/** prefix:EventName -> where the passed role is in requestParameters, and the service it goes to. */
const PASS_ROLE: Record<string, { paths: string[]; service: string }> = {
  'lambda:CreateFunction': { paths: ['role'], service: 'lambda.amazonaws.com' },
  'lambda:UpdateFunctionConfiguration': { paths: ['role'], service: 'lambda.amazonaws.com' },
  'ssm:SendCommand': { paths: ['serviceRoleArn'], service: 'ssm.amazonaws.com' },
  'ssm:StartAutomationExecution': {
    paths: ['parameters.AutomationAssumeRole[]'],
    service: 'ssm.amazonaws.com',
  },
  'ecs:RegisterTaskDefinition': {
    paths: ['taskRoleArn', 'executionRoleArn'],
    service: 'ecs-tasks.amazonaws.com',
  },
  'cloudformation:CreateStack': { paths: ['roleARN'], service: 'cloudformation.amazonaws.com' },
  'cloudformation:UpdateStack': { paths: ['roleARN'], service: 'cloudformation.amazonaws.com' },
  'states:CreateStateMachine': { paths: ['roleArn'], service: 'states.amazonaws.com' },
  'states:UpdateStateMachine': { paths: ['roleArn'], service: 'states.amazonaws.com' },
  'events:PutTargets': { paths: ['targets[].roleArn'], service: 'events.amazonaws.com' },
  'glue:CreateJob': { paths: ['role'], service: 'glue.amazonaws.com' },
  'codebuild:CreateProject': { paths: ['serviceRole'], service: 'codebuild.amazonaws.com' },
  'sagemaker:CreateNotebookInstance': { paths: ['roleArn'], service: 'sagemaker.amazonaws.com' },
  'sagemaker:CreateTrainingJob': { paths: ['roleArn'], service: 'sagemaker.amazonaws.com' },
  'ec2:AssociateIamInstanceProfile': { paths: [], service: 'ec2.amazonaws.com' },
  'ec2:RunInstances': { paths: [], service: 'ec2.amazonaws.com' },
  's3:PutReplicationConfiguration': { paths: ['ReplicationConfiguration.Role'], service: 's3.amazonaws.com' },
};

const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/;

/** Implied actions of one call of `action` (canonical `prefix:Name`) with its request parameters. */
export function impliedActions(action: string, eventName: string, params: unknown): ImpliedResult {
  const implied: Implied[] = [];
  const notes: string[] = [];
  const pass = PASS_ROLE[action];
  if (pass) {
    const roles = pass.paths.flatMap((p) => pick(params, p));
    const arns = roles.filter((r) => ROLE_ARN.test(r));
    if (arns.length > 0) {
      implied.push({
        action: 'iam:PassRole',
        resources: [...new Set(arns)],
        conditions: { StringEquals: { 'iam:PassedToService': [pass.service] } },
      });
    }
    const profile = pick(params, 'iamInstanceProfile.arn').concat(pick(params, 'iamInstanceProfile.name'));
    if (profile.length > 0) {
      notes.push(
        `${action} used instance profile ${profile[0]}: it also needed iam:PassRole on the role in that profile, which the log does not name; add that role's ARN with iam:PassedToService ec2.amazonaws.com`,
      );
    }
    for (const r of roles.filter((x) => !ROLE_ARN.test(x))) {
      notes.push(`${action} passed role "${r}", which is not a role ARN: iam:PassRole not added`);
    }
  }
  if (action.startsWith('ec2:') && action !== 'ec2:CreateTags') {
    const types = pick(params, 'tagSpecificationSet.items[].resourceType').concat(
      pick(params, 'TagSpecification[].ResourceType'),
    );
    if (types.length > 0) {
      implied.push({
        action: 'ec2:CreateTags',
        resourceTypes: [...new Set(types)],
        conditions: { StringEquals: { 'ec2:CreateAction': [eventName] } },
      });
    }
  }
  return { implied, notes };
}
