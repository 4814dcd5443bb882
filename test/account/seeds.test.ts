/**
 * The seeds' accounts as fixtures (test/fixtures/account): the Attini deployment-origin bucket
 * policy (seed 000, attini.io "Securing Attini"), the CircleCI user scoped to a prefix (seed 003),
 * and the bootstrap plan's administrator / operator / developer groups (seed 001).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AccountIndex, can, escalation, whoCan } from '../../src/account/index.js';
import { readSnapshot } from '../../src/sources/account/index.js';

const FIX = new URL('../fixtures/account/', import.meta.url).pathname;
const A = '111122223333';
const load = (name: string, context = {}) => new AccountIndex(readSnapshot(join(FIX, name)), context);
const principals = (r: ReturnType<typeof whoCan>) =>
  r.allowed.filter((e) => e.kind !== 'root').map((e) => e.principal);

describe('Attini: only the deploy role can s3:PutObject to the deployment-origin bucket', () => {
  const bucket = `arn:aws:s3:::attini-deployment-origin-eu-west-1-${A}`;
  it('who-can lists the deploy role alone (the bucket policy denies every other principal ARN)', () => {
    const r = whoCan(load('attini.json'), 's3:PutObject', `${bucket}/distribution.zip`);
    expect(r.allowed.map((e) => e.principal)).toEqual([`arn:aws:iam::${A}:role/attini-deploy`]);
  });

  it('the build server, allowed s3:PutObject on every bucket, is denied by the bucket policy', () => {
    const r = can(
      load('attini.json'),
      `arn:aws:iam::${A}:user/build-server`,
      's3:PutObject',
      `${bucket}/distribution.zip`,
    )!;
    expect(r.result.decision).toBe('ExplicitDeny');
    expect(r.result.deniedBy).toBe('resource');
    expect(r.statements.find((s) => s.effect === 'Deny')?.statement).toBe('RestrictDeploymentAccess');
  });

  it('the deny covers only PutObject: the Lambda role may still read the distribution', () => {
    const r = whoCan(load('attini.json'), 's3:GetObject', `${bucket}/distribution.zip`);
    expect(principals(r)).toContain(`arn:aws:iam::${A}:role/attini/attini-init-deploy-lambda-role-eu-west-1`);
  });
});

describe('CircleCI: the service user reaches only its prefix', () => {
  const user = `arn:aws:iam::${A}:user/circleci_service`;
  it('can write under builds/ and nowhere else', () => {
    const ix = load('circleci.json');
    expect(
      can(ix, user, 's3:PutObject', 'arn:aws:s3:::devops.dpunks.org/builds/app.zip')!.result.decision,
    ).toBe('Allowed');
    expect(
      can(ix, user, 's3:PutObject', 'arn:aws:s3:::devops.dpunks.org/release/app.zip')!.result.decision,
    ).toBe('ImplicitDeny');
    expect(can(ix, user, 'iam:CreateAccessKey', user)!.result.decision).toBe('ImplicitDeny');
    expect(principals(whoCan(ix, 's3:PutObject', 'arn:aws:s3:::devops.dpunks.org/release/app.zip'))).toEqual([
      `arn:aws:iam::${A}:role/Admin`,
    ]);
  });

  it('"Action": "*" on the prefix gives no escalation path and no unknown one', () => {
    const p = escalation(load('circleci.json'), { principal: user }).principals[0];
    expect(p).toMatchObject({ canEscalate: false, reaches: [], unknown: [] });
  });
});

describe('bootstrap plan: administrator / operator / developer groups', () => {
  const ix = load('bootstrap', { 'aws:MultiFactorAuthPresent': 'true' });
  const role = (n: string) => `arn:aws:iam::${A}:role/littleware/account/user/${n}`;

  it('only the administrator role writes IAM and CloudTrail', () => {
    for (const [action, resource] of [
      ['iam:PutRolePolicy', `arn:aws:iam::${A}:role/any`],
      ['iam:CreateUser', `arn:aws:iam::${A}:user/new`],
      ['cloudtrail:StopLogging', `arn:aws:cloudtrail:us-east-2:${A}:trail/main`],
      ['cloudtrail:DeleteTrail', `arn:aws:cloudtrail:us-east-2:${A}:trail/main`],
    ]) {
      expect(principals(whoCan(ix, action, resource))).toEqual([role('littleAdmin')]);
    }
  });

  it('operators read IAM and CloudTrail', () => {
    const r = whoCan(ix, 'cloudtrail:LookupEvents', '*');
    expect(principals(r)).toEqual(
      expect.arrayContaining([role('littleOperator'), role('littleDev'), role('littleAdmin')]),
    );
  });

  it('nobody but administrators escalates', () => {
    const r = escalation(ix, { allReaches: true });
    const escalating = r.principals.filter((p) => p.canEscalate).map((p) => p.principal);
    expect(escalating).toEqual([`arn:aws:iam::${A}:user/alice`]);
    const alice = r.principals.find((p) => p.principal.endsWith('user/alice'))!;
    expect(alice.reaches[0].path.map((s) => s.pathId)).toEqual(['sts-001', null]);
    // Operators and developers update the app's function code, and reach its weaker role.
    const carol = r.principals.find((p) => p.principal.endsWith('user/carol'))!;
    expect(carol.reaches.map((x) => [x.target.split('/').pop(), x.escalates])).toEqual([
      ['littleDev', false],
      ['little-app', false],
    ]);
  });

  it("who-can sts:AssumeRole: each group's role, by its own group's user (and the administrator role), with MFA", () => {
    // The trust policy is the role's resource-based policy: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
    const users = { littleAdmin: 'alice', littleOperator: 'bob', littleDev: 'carol' };
    const mfa = { context: { 'aws:MultiFactorAuthPresent': 'true' } };
    const plain = load('bootstrap');
    for (const [name, user] of Object.entries(users)) {
      expect(principals(whoCan(plain, 'sts:AssumeRole', role(name), mfa)).sort()).toEqual(
        [`arn:aws:iam::${A}:user/${user}`, role('littleAdmin')].sort(),
      );
      expect(whoCan(plain, 'sts:AssumeRole', role(name)).allowed).toEqual([]);
    }
  });

  it('without MFA in the request context nobody can assume the group roles', () => {
    const r = escalation(load('bootstrap'));
    expect(r.principals.filter((p) => p.reaches.length > 0 && p.principal.includes(':user/'))).toEqual([]);
  });
});
