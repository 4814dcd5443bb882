/**
 * The escalation recipes that go through a service: DataDog's pathfinding.cloud catalogue
 * (ids such as `lambda-001`, snapshot 2025-12-17) and nccgroup PMapper's extra edges (id null),
 * as data. The engine (escalation.ts) evaluates each; see docs/escalation.md for the full list.
 */

/** A new resource created with a passed role: the start needs iam:PassRole on R and `actions`. */
export interface NewResourceRecipe {
  id: string | null;
  source: 'pathfinding.cloud' | 'PMapper';
  /** The service principal R must trust (and iam:PassedToService). */
  service: string;
  actions: string[];
  /** R must be in an instance profile (ec2:InstanceProfile is then set on RunInstances). */
  profile?: boolean;
  /** Context keys per action; `role` is replaced by R's ARN. */
  context?: Record<string, Record<string, 'role'>>;
  /** An inventory that must list something (e.g. an ECS cluster), by export key. */
  needs?: { key: string; list: (v: unknown) => unknown[]; what: string };
  preconditions?: string[];
}

const arr = (v: unknown, ...keys: string[]): unknown[] => {
  let cur: unknown = v;
  for (const k of keys) cur = (cur as Record<string, unknown> | undefined)?.[k];
  return Array.isArray(cur) ? cur : [];
};

const pf = (
  id: string,
  service: string,
  actions: string[],
  extra: Partial<NewResourceRecipe> = {},
): NewResourceRecipe => ({
  id,
  source: 'pathfinding.cloud',
  service,
  actions,
  ...extra,
});

const LAMBDA = 'lambda.amazonaws.com';
const EC2 = 'ec2.amazonaws.com';
const CFN = 'cloudformation.amazonaws.com';
const CODEBUILD = 'codebuild.amazonaws.com';
const GLUE = 'glue.amazonaws.com';
const SAGEMAKER = 'sagemaker.amazonaws.com';
const ECS = 'ecs-tasks.amazonaws.com';
const clusters = {
  key: 'ecs list-clusters',
  list: (v: unknown) => arr(v, 'clusterArns'),
  what: 'an ECS cluster',
};

export const NEW_RESOURCE: NewResourceRecipe[] = [
  pf('lambda-001', LAMBDA, ['lambda:CreateFunction', 'lambda:InvokeFunction']),
  pf('lambda-002', LAMBDA, ['lambda:CreateFunction', 'lambda:CreateEventSourceMapping'], {
    preconditions: ['a stream or queue with traffic to map to the function'],
  }),
  pf('lambda-006', LAMBDA, ['lambda:CreateFunction', 'lambda:AddPermission']),
  pf('ec2-001', EC2, ['ec2:RunInstances'], { profile: true }),
  pf('ec2-003', EC2, ['ec2:RequestSpotInstances'], { profile: true }),
  pf('cloudformation-001', CFN, ['cloudformation:CreateStack'], {
    context: { 'cloudformation:CreateStack': { 'cloudformation:RoleArn': 'role' } },
  }),
  pf('cloudformation-003', CFN, ['cloudformation:CreateStackSet', 'cloudformation:CreateStackInstances'], {
    preconditions: [
      'self-managed StackSet: R is the administration role; the execution role is reached from R',
    ],
  }),
  pf('codebuild-001', CODEBUILD, ['codebuild:CreateProject', 'codebuild:StartBuild']),
  pf('codebuild-004', CODEBUILD, ['codebuild:CreateProject', 'codebuild:StartBuildBatch']),
  pf(
    'datapipeline-001',
    'datapipeline.amazonaws.com',
    ['datapipeline:CreatePipeline', 'datapipeline:PutPipelineDefinition', 'datapipeline:ActivatePipeline'],
    {
      preconditions: [
        'AWS Data Pipeline is closed to new customers; the EC2 resource role needs an instance profile',
      ],
    },
  ),
  pf('glue-001', GLUE, ['glue:CreateDevEndpoint']),
  pf('glue-003', GLUE, ['glue:CreateJob', 'glue:StartJobRun']),
  pf('glue-004', GLUE, ['glue:CreateJob', 'glue:CreateTrigger']),
  pf('sagemaker-001', SAGEMAKER, [
    'sagemaker:CreateNotebookInstance',
    'sagemaker:CreatePresignedNotebookInstanceUrl',
  ]),
  pf('sagemaker-002', SAGEMAKER, ['sagemaker:CreateTrainingJob']),
  pf('sagemaker-003', SAGEMAKER, ['sagemaker:CreateProcessingJob']),
  pf('ecs-001', ECS, ['ecs:CreateCluster', 'ecs:RegisterTaskDefinition', 'ecs:CreateService']),
  pf('ecs-002', ECS, ['ecs:CreateCluster', 'ecs:RegisterTaskDefinition', 'ecs:RunTask']),
  pf('ecs-003', ECS, ['ecs:RegisterTaskDefinition', 'ecs:CreateService'], { needs: clusters }),
  pf('ecs-004', ECS, ['ecs:RegisterTaskDefinition', 'ecs:RunTask'], { needs: clusters }),
  pf('ecs-005', ECS, ['ecs:RegisterTaskDefinition', 'ecs:StartTask'], {
    needs: {
      key: 'ecs list-container-instances',
      list: (v) => arr(v, 'containerInstanceArns'),
      what: 'a registered EC2 container instance',
    },
  }),
  pf('apprunner-001', 'tasks.apprunner.amazonaws.com', ['apprunner:CreateService']),
  pf('bedrock-001', 'bedrock-agentcore.amazonaws.com', [
    'bedrock-agentcore:CreateCodeInterpreter',
    'bedrock-agentcore:StartCodeInterpreterSession',
    'bedrock-agentcore:InvokeCodeInterpreter',
  ]),
  {
    id: null,
    source: 'PMapper',
    service: EC2,
    actions: ['iam:CreateInstanceProfile', 'iam:AddRoleToInstanceProfile', 'ec2:RunInstances'],
    preconditions: ['PMapper ec2_edges: the start creates the instance profile for R itself'],
  },
  {
    id: null,
    source: 'PMapper',
    service: EC2,
    actions: ['autoscaling:CreateLaunchConfiguration', 'autoscaling:CreateAutoScalingGroup'],
    profile: true,
    preconditions: ["PMapper autoscaling_edges: a new launch configuration with R's instance profile"],
  },
];

/** A resource listed in an inventory that runs as a role. */
export interface InventoryItem {
  arn: string;
  /** The role it runs as (ARN), or its instance profile's ARN or name. */
  role?: string;
  profile?: string;
  label: string;
  /** Why this item does not qualify (not running, no batch config...), when it does not. */
  unusable?: string;
  /** The item's own ARN when it differs from `arn` in the second action (SSM documents...). */
  extra?: Record<string, string>;
}

export interface ExistingRecipe {
  id: string | null;
  source: 'pathfinding.cloud' | 'PMapper';
  inventory: string;
  items: (v: unknown, account: string, region: string) => InventoryItem[];
  /** Actions on the item's ARN. */
  actions: string[];
  /** Other actions with fixed resources (`{region}`/`{account}` filled). */
  otherActions?: Array<{ action: string; resource: string }>;
  /** The start passes a role of its choice to this service (target: that role, not the item's). */
  passRole?: string;
  /** Another inventory that must show the item ready (SSM agent online, a trigger...). */
  ready?: {
    inventory: string;
    test: (v: unknown, item: InventoryItem) => boolean;
    what: string;
    eventualIfNot?: boolean;
  };
  eventual?: string;
  preconditions?: string[];
}

const list = (v: unknown): Array<Record<string, unknown>> =>
  (Array.isArray(v) ? v : v && typeof v === 'object' ? [v] : []) as Array<Record<string, unknown>>;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const regionOfAz = (az: unknown, fallback: string) =>
  typeof az === 'string' ? az.replace(/[a-z]$/, '') : fallback;

function functions(v: unknown): InventoryItem[] {
  return list(arr(v, 'Functions')).flatMap((f) => {
    const arn = str(f.FunctionArn);
    return arn ? [{ arn, role: str(f.Role), label: `function ${str(f.FunctionName) ?? arn}` }] : [];
  });
}

function stacks(v: unknown): InventoryItem[] {
  return list(arr(v, 'Stacks')).flatMap((s) => {
    const arn = str(s.StackId);
    if (!arn) return [];
    const role = str(s.RoleARN);
    return [
      {
        arn,
        role,
        label: `stack ${str(s.StackName) ?? arn}`,
        ...(role ? {} : { unusable: 'the stack has no service role (RoleARN)' }),
      },
    ];
  });
}

function projects(v: unknown): InventoryItem[] {
  return list(arr(v, 'projects')).flatMap((p) => {
    const arn = str(p.arn);
    return arn
      ? [
          {
            arn,
            role: str(p.serviceRole),
            label: `project ${str(p.name) ?? arn}`,
            ...(p.buildBatchConfig ? { extra: { batch: 'yes' } } : {}),
          },
        ]
      : [];
  });
}

function instances(v: unknown, account: string, region: string): InventoryItem[] {
  return list(arr(v, 'Reservations')).flatMap((r) =>
    list(arr(r, 'Instances')).flatMap((i) => {
      const id = str(i.InstanceId);
      if (!id) return [];
      const profile = str((i.IamInstanceProfile as Record<string, unknown> | undefined)?.Arn);
      const state = str((i.State as Record<string, unknown> | undefined)?.Name);
      const reg = regionOfAz((i.Placement as Record<string, unknown> | undefined)?.AvailabilityZone, region);
      return [
        {
          arn: `arn:aws:ec2:${reg}:${account}:instance/${id}`,
          profile,
          label: `instance ${id}`,
          extra: { id, state: state ?? 'unknown' },
          ...(profile ? {} : { unusable: 'no instance profile' }),
        },
      ];
    }),
  );
}

const running = (items: InventoryItem[]) =>
  items.map((i) =>
    i.extra?.state && i.extra.state !== 'running' && !i.unusable
      ? { ...i, unusable: `instance is ${i.extra.state}` }
      : i,
  );

function ssmOnline(v: unknown, item: InventoryItem): boolean {
  return list(arr(v, 'InstanceInformationList')).some(
    (x) => x.InstanceId === item.extra?.id && x.PingStatus === 'Online',
  );
}

export const EXISTING: ExistingRecipe[] = [
  {
    id: 'lambda-004',
    source: 'pathfinding.cloud',
    inventory: 'lambda list-functions',
    items: functions,
    actions: ['lambda:UpdateFunctionCode', 'lambda:InvokeFunction'],
  },
  {
    id: 'lambda-005',
    source: 'pathfinding.cloud',
    inventory: 'lambda list-functions',
    items: functions,
    actions: ['lambda:UpdateFunctionCode', 'lambda:AddPermission'],
  },
  {
    id: null,
    source: 'PMapper',
    inventory: 'lambda list-functions',
    items: functions,
    actions: ['lambda:UpdateFunctionCode', 'lambda:UpdateFunctionConfiguration'],
    passRole: LAMBDA,
    preconditions: ["PMapper lambda_edges: swap the function's role for the passed one"],
  },
  {
    id: 'lambda-003',
    source: 'pathfinding.cloud',
    inventory: 'lambda list-functions',
    items: functions,
    actions: ['lambda:UpdateFunctionCode'],
    ready: {
      inventory: 'lambda list-event-source-mappings',
      what: 'an event source mapping that triggers the function',
      test: (v, item) =>
        list(arr(v, 'EventSourceMappings')).some((m) => m.FunctionArn === item.arn && m.State !== 'Disabled'),
      eventualIfNot: true,
    },
  },
  {
    id: 'cloudformation-002',
    source: 'pathfinding.cloud',
    inventory: 'cloudformation describe-stacks',
    items: stacks,
    actions: ['cloudformation:UpdateStack'],
  },
  {
    id: 'cloudformation-005',
    source: 'pathfinding.cloud',
    inventory: 'cloudformation describe-stacks',
    items: stacks,
    actions: ['cloudformation:CreateChangeSet', 'cloudformation:ExecuteChangeSet'],
  },
  {
    id: null,
    source: 'PMapper',
    inventory: 'cloudformation describe-stacks',
    items: (v) => stacks(v).map(({ unusable: _u, ...s }) => s),
    actions: ['cloudformation:UpdateStack'],
    passRole: CFN,
    preconditions: ['PMapper cloudformation_edges: update the stack with a new service role'],
  },
  {
    id: 'cloudformation-004',
    source: 'pathfinding.cloud',
    inventory: 'cloudformation describe-stack-set',
    items: (v) =>
      list(v).flatMap((x) => {
        const s = (x.StackSet ?? x) as Record<string, unknown>;
        const arn = str(s.StackSetARN);
        return arn
          ? [{ arn, role: str(s.AdministrationRoleARN), label: `StackSet ${str(s.StackSetName) ?? arn}` }]
          : [];
      }),
    actions: ['cloudformation:UpdateStackSet'],
    preconditions: ['iam:PassRole on the administration role; the execution role is reached from it'],
  },
  {
    id: 'codebuild-002',
    source: 'pathfinding.cloud',
    inventory: 'codebuild batch-get-projects',
    items: projects,
    actions: ['codebuild:StartBuild'],
  },
  {
    id: 'codebuild-003',
    source: 'pathfinding.cloud',
    inventory: 'codebuild batch-get-projects',
    items: (v) => projects(v).map((p) => (p.extra?.batch ? p : { ...p, unusable: 'no buildBatchConfig' })),
    actions: ['codebuild:StartBuildBatch'],
  },
  {
    id: null,
    source: 'PMapper',
    inventory: 'codebuild batch-get-projects',
    items: projects,
    actions: ['codebuild:UpdateProject', 'codebuild:StartBuild'],
    passRole: CODEBUILD,
    preconditions: ['PMapper codebuild_edges: give the project a new service role'],
  },
  {
    id: 'ec2-002',
    source: 'pathfinding.cloud',
    inventory: 'ec2 describe-instances',
    items: instances,
    actions: ['ec2:ModifyInstanceAttribute', 'ec2:StopInstances', 'ec2:StartInstances'],
    preconditions: ['new user data runs as root on the next start'],
  },
  {
    id: 'ec2-004',
    source: 'pathfinding.cloud',
    inventory: 'ec2 describe-launch-template-versions',
    items: (v, account, region) =>
      list(arr(v, 'LaunchTemplateVersions')).flatMap((t) => {
        const id = str(t.LaunchTemplateId);
        if (!id) return [];
        const p = (t.LaunchTemplateData as Record<string, unknown> | undefined)?.IamInstanceProfile as
          | Record<string, unknown>
          | undefined;
        const profile = str(p?.Arn) ?? str(p?.Name);
        return [
          {
            arn: `arn:aws:ec2:${region}:${account}:launch-template/${id}`,
            profile,
            label: `launch template ${id}`,
            ...(profile ? {} : { unusable: 'no instance profile' }),
          },
        ];
      }),
    actions: ['ec2:CreateLaunchTemplateVersion', 'ec2:ModifyLaunchTemplate'],
    eventual: 'eventual: runs when an Auto Scaling group or a person launches the template',
  },
  {
    id: 'ec2instanceconnect-003',
    source: 'pathfinding.cloud',
    inventory: 'ec2 describe-instances',
    items: (v, a, r) => running(instances(v, a, r)),
    actions: ['ec2-instance-connect:SendSSHPublicKey'],
    preconditions: ['SSH reachable from the start, an AMI with EC2 Instance Connect'],
  },
  {
    id: 'ssm-001',
    source: 'pathfinding.cloud',
    inventory: 'ec2 describe-instances',
    items: (v, a, r) => running(instances(v, a, r)),
    actions: ['ssm:StartSession'],
    ready: { inventory: 'ssm describe-instance-information', test: ssmOnline, what: 'the SSM agent online' },
  },
  {
    id: 'ssm-002',
    source: 'pathfinding.cloud',
    inventory: 'ec2 describe-instances',
    items: (v, a, r) => running(instances(v, a, r)),
    actions: ['ssm:SendCommand'],
    otherActions: [
      { action: 'ssm:SendCommand', resource: 'arn:aws:ssm:{region}::document/AWS-RunShellScript' },
    ],
    ready: { inventory: 'ssm describe-instance-information', test: ssmOnline, what: 'the SSM agent online' },
  },
  {
    id: 'glue-002',
    source: 'pathfinding.cloud',
    inventory: 'glue get-dev-endpoints',
    items: (v, account, region) =>
      list(arr(v, 'DevEndpoints')).flatMap((e) => {
        const name = str(e.EndpointName);
        return name
          ? [
              {
                arn: `arn:aws:glue:${region}:${account}:devEndpoint/${name}`,
                role: str(e.RoleArn),
                label: `dev endpoint ${name}`,
              },
            ]
          : [];
      }),
    actions: ['glue:UpdateDevEndpoint'],
  },
  ...(['glue-005', 'glue-006'] as const).map(
    (id): ExistingRecipe => ({
      id,
      source: 'pathfinding.cloud',
      inventory: 'glue get-jobs',
      items: (v, account, region) =>
        list(arr(v, 'Jobs')).flatMap((j) => {
          const name = str(j.Name);
          return name ? [{ arn: `arn:aws:glue:${region}:${account}:job/${name}`, label: `job ${name}` }] : [];
        }),
      actions: ['glue:UpdateJob', id === 'glue-005' ? 'glue:StartJobRun' : 'glue:CreateTrigger'],
      passRole: GLUE,
    }),
  ),
  {
    id: 'sagemaker-004',
    source: 'pathfinding.cloud',
    inventory: 'sagemaker describe-notebook-instance',
    items: notebooks,
    actions: ['sagemaker:CreatePresignedNotebookInstanceUrl'],
  },
  {
    id: 'sagemaker-005',
    source: 'pathfinding.cloud',
    inventory: 'sagemaker describe-notebook-instance',
    items: (v) => notebooks(v).map(({ unusable: _u, ...n }) => n),
    actions: [
      'sagemaker:StopNotebookInstance',
      'sagemaker:UpdateNotebookInstance',
      'sagemaker:StartNotebookInstance',
    ],
    otherActions: [
      {
        action: 'sagemaker:CreateNotebookInstanceLifecycleConfig',
        resource: 'arn:aws:sagemaker:{region}:{account}:notebook-instance-lifecycle-config/leastpriv-probe',
      },
    ],
  },
  {
    id: 'apprunner-002',
    source: 'pathfinding.cloud',
    inventory: 'apprunner describe-service',
    items: (v) =>
      list(v).flatMap((x) => {
        const s = (x.Service ?? x) as Record<string, unknown>;
        const arn = str(s.ServiceArn);
        const role = str((s.InstanceConfiguration as Record<string, unknown> | undefined)?.InstanceRoleArn);
        return arn ? [{ arn, role, label: `App Runner service ${str(s.ServiceName) ?? arn}` }] : [];
      }),
    actions: ['apprunner:UpdateService'],
  },
  {
    id: 'bedrock-002',
    source: 'pathfinding.cloud',
    inventory: 'bedrock-agentcore get-code-interpreter',
    items: (v) =>
      list(v).flatMap((c) => {
        const arn = str(c.codeInterpreterArn);
        if (!arn) return [];
        const status = str(c.status);
        return [
          {
            arn,
            role: str(c.executionRoleArn),
            label: `code interpreter ${arn}`,
            ...(status && status !== 'READY' ? { unusable: `status ${status}` } : {}),
          },
        ];
      }),
    actions: ['bedrock-agentcore:StartCodeInterpreterSession', 'bedrock-agentcore:InvokeCodeInterpreter'],
  },
  {
    id: null,
    source: 'PMapper',
    inventory: 'autoscaling describe-launch-configurations',
    items: (v, account, region) =>
      list(arr(v, 'LaunchConfigurations')).flatMap((c) => {
        const arn =
          str(c.LaunchConfigurationARN) ??
          `arn:aws:autoscaling:${region}:${account}:launchConfiguration:*:launchConfigurationName/${str(c.LaunchConfigurationName)}`;
        const profile = str(c.IamInstanceProfile);
        return profile
          ? [{ arn, profile, label: `launch configuration ${str(c.LaunchConfigurationName) ?? arn}` }]
          : [];
      }),
    actions: [],
    otherActions: [
      {
        action: 'autoscaling:CreateAutoScalingGroup',
        resource:
          'arn:aws:autoscaling:{region}:{account}:autoScalingGroup:*:autoScalingGroupName/leastpriv-probe',
      },
    ],
    preconditions: [
      'PMapper autoscaling_edges: a new Auto Scaling group with an existing launch configuration',
    ],
  },
];

function notebooks(v: unknown): InventoryItem[] {
  const items = Array.isArray(v)
    ? v
    : list(arr(v, 'NotebookInstances')).length
      ? arr(v, 'NotebookInstances')
      : [v];
  return list(items).flatMap((n) => {
    const arn = str(n.NotebookInstanceArn);
    if (!arn) return [];
    const status = str(n.NotebookInstanceStatus);
    return [
      {
        arn,
        role: str(n.RoleArn),
        label: `notebook ${str(n.NotebookInstanceName) ?? arn}`,
        ...(status && status !== 'InService' ? { unusable: `notebook is ${status}` } : {}),
      },
    ];
  });
}
