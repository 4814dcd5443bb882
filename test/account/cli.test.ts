/** `leastpriv account ...` through the CLI: outputs, exit codes (COMMON.md table), bad input. */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { escalationJson, escalationText } from '../../src/report/account.js';
import { captureOutput } from '../helpers/output.js';

const FIX = new URL('../fixtures/account/', import.meta.url).pathname;
const A = '111122223333';
const out = captureOutput();
const run = (...args: string[]) => main(['node', 'leastpriv', 'account', ...args]);

describe('account CLI', () => {
  it('collect prints read-only AWS CLI commands', async () => {
    expect(await run('collect')).toBe(0);
    expect(out.out).toContain(
      "aws iam get-account-authorization-details --output json > 'snapshot/iam-get-account-authorization-details.json'",
    );
    expect(out.out).not.toMatch(/aws [a-z-]+ (put|create|delete|update|attach)-/);
  });

  it('who-can --format json', async () => {
    const code = await run(
      'who-can',
      '--snapshot',
      join(FIX, 'attini.json'),
      '--action',
      's3:PutObject',
      '--resource',
      `arn:aws:s3:::attini-deployment-origin-eu-west-1-${A}/x.zip`,
      '--format',
      'json',
    );
    expect(code).toBe(0);
    const r = JSON.parse(out.out);
    expect(r.allowed).toEqual([
      expect.objectContaining({
        principal: `arn:aws:iam::${A}:role/attini-deploy`,
        kind: 'role',
        accountAlias: 'attini-prod',
      }),
    ]);
  });

  it("can prints simulate's explanation, located in the snapshot file", async () => {
    const code = await run(
      'can',
      '--snapshot',
      join(FIX, 'attini.json'),
      '--principal',
      `arn:aws:iam::${A}:user/build-server`,
      '--action',
      's3:PutObject',
      '--resource',
      `arn:aws:s3:::attini-deployment-origin-eu-west-1-${A}/x.zip`,
    );
    expect(code).toBe(0);
    expect(out.out).toContain(`Scenario 1: account ${A} (attini-prod)`);
    expect(out.out).toContain('Decision: ExplicitDeny (resource-based policy)');
    expect(out.out).toMatch(/statement "RestrictDeploymentAccess" {2}\S*attini\.json:\d+:\d+/);
  });

  it('escalation --format json has the documented shape', async () => {
    const code = await run(
      'escalation',
      '--snapshot',
      join(FIX, 'bootstrap'),
      '--context',
      'aws:MultiFactorAuthPresent=true',
      '--principal',
      `arn:aws:iam::${A}:user/alice`,
      '--format',
      'json',
    );
    expect(code).toBe(0);
    const r = JSON.parse(out.out);
    const p = r.principals[0];
    expect(p).toMatchObject({
      principal: `arn:aws:iam::${A}:user/alice`,
      canEscalate: true,
      accountAlias: 'little-prod',
    });
    expect(p.reaches[0].target).toBe('admin');
    expect(Object.keys(p.reaches[0].path[0]).sort()).toEqual(
      ['actions', 'from', 'kind', 'pathId', 'preconditions', 'statements', 'to'].sort(),
    );
    expect(p.reaches[0].path.at(-1).to).toBe('admin');
    // Unknown paths: a top-level list, referenced by position from each principal.
    expect(Array.isArray(r.unknownPaths)).toBe(true);
    for (const i of p.unknown) expect(r.unknownPaths[i]).toHaveProperty('missing');
  });

  it('escalation --all-reaches is written principal by principal as exactly the one JSON document', async () => {
    const args = ['escalation', '--snapshot', join(FIX, 'bootstrap'), '--all-reaches', '--format', 'json'];
    expect(await run(...args)).toBe(0);
    const r = JSON.parse(out.out);
    expect(r.principals.length).toBeGreaterThan(1);
    expect(r.principals.some((p: { reaches: unknown[] }) => p.reaches.length > 0)).toBe(true);
    // Byte for byte what JSON.stringify(document, null, 2) writes, though it came in pieces.
    expect(out.out).toBe(`${JSON.stringify(r, null, 2)}\n`);
    expect(Object.keys(r)).toEqual(['principals', 'unknownPaths', 'notes']);
    out.out = '';
    expect(await run(...args.slice(0, -2))).toBe(0);
    const blocks = out.out.trimEnd().split('\n\n');
    // One block per principal, then the count (and any notes).
    expect(blocks).toHaveLength(r.principals.length + 1);
    const escalating = r.principals.filter((p: { canEscalate: boolean }) => p.canEscalate).length;
    expect(blocks.at(-1)!.split('\n')[0]).toBe(
      `${escalating} of ${r.principals.length} principal(s) can escalate`,
    );
  });

  it('an escalation report with no principal is still one JSON document', () => {
    const empty = escalationJson({ principals: [], notes: ['n'] }, new Map());
    expect(empty).toBe(`${JSON.stringify({ principals: [], unknownPaths: [], notes: ['n'] }, null, 2)}\n`);
    expect(escalationText({ principals: [], notes: [] }, new Map())).toBe(
      '0 of 0 principal(s) can escalate\n',
    );
  });

  it('graph in dot, mermaid and json', async () => {
    expect(
      await run(
        'graph',
        '--snapshot',
        join(FIX, 'bootstrap'),
        '--context',
        'aws:MultiFactorAuthPresent=true',
      ),
    ).toBe(0);
    expect(out.out).toMatch(/^digraph leastpriv \{/);
    expect(out.out).toContain('[label="sts-001"]');
    out.out = '';
    expect(await run('graph', '--snapshot', join(FIX, 'bootstrap'), '--format', 'mermaid')).toBe(0);
    expect(out.out).toMatch(/^flowchart LR/);
    out.out = '';
    expect(
      await run(
        'graph',
        '--snapshot',
        join(FIX, 'bootstrap'),
        '--format',
        'json',
        '--context',
        'aws:MultiFactorAuthPresent=true',
      ),
    ).toBe(0);
    const g = JSON.parse(out.out);
    expect(g.edges).toContainEqual(
      expect.objectContaining({ from: `arn:aws:iam::${A}:user/alice`, pathId: 'sts-001' }),
    );
  });

  it('diff shows a principal that gained an action and an escalation path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lp-diff-'));
    const bundle = JSON.parse(readFileSync(join(FIX, 'circleci.json'), 'utf8'));
    bundle.authorizationDetails.UserDetailList[0].UserPolicyList = [
      {
        PolicyName: 'oops',
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'iam:PutUserPolicy', Resource: '*' }],
        },
      },
    ];
    writeFileSync(join(dir, 'new.json'), JSON.stringify(bundle));
    expect(await run('diff', join(FIX, 'circleci.json'), join(dir, 'new.json'), '--format', 'json')).toBe(0);
    const d = JSON.parse(out.out);
    expect(d.changes).toHaveLength(1);
    expect(d.changes[0].principal).toBe(`arn:aws:iam::${A}:user/circleci_service`);
    expect(d.changes[0].gainedActions[0].action).toBe('iam:PutUserPolicy');
    expect(d.changes[0].gainedEscalations).toEqual([{ target: 'admin', pathIds: ['iam-007'] }]);
  });

  it('an unusable snapshot exits 2 with a located message and no output', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lp-bad-'));
    writeFileSync(join(dir, 'bad.json'), '{"authorizationDetails": {"UserDetailList": 5}}');
    expect(await run('escalation', '--snapshot', join(dir, 'bad.json'))).toBe(2);
    expect(out.out).toBe('');
    expect(out.err).toMatch(
      /bad\.json:1:\d+: UserDetailList must be a JSON array, found number \(at authorizationDetails\.UserDetailList\)/,
    );
    expect(out.err).not.toMatch(/\n\s+at /);
  });

  it('unknown principals, bad formats and bad context are usage errors (exit 2)', async () => {
    const snap = join(FIX, 'attini.json');
    expect(await run('escalation', '--snapshot', snap, '--principal', `arn:aws:iam::${A}:user/nobody`)).toBe(
      2,
    );
    expect(
      await run(
        'who-can',
        '--snapshot',
        snap,
        '--action',
        's3:GetObject',
        '--resource',
        '*',
        '--format',
        'sarif',
      ),
    ).toBe(2);
    expect(
      await run(
        'who-can',
        '--snapshot',
        snap,
        '--action',
        's3:GetObject',
        '--resource',
        '*',
        '--context',
        'novalue',
      ),
    ).toBe(2);
    expect(
      await run('who-can', '--snapshot', join(FIX, 'nope'), '--action', 's3:GetObject', '--resource', '*'),
    ).toBe(2);
    expect(out.err).toMatch(/no such file or directory/);
  });
});

// The HTML graph is checked in a real headless browser (Debian's chromium), when installed.
const CHROMIUM = '/usr/bin/chromium';
describe.skipIf(!existsSync(CHROMIUM))('account graph --format html in chromium', () => {
  it('renders every principal and edge offline, and highlights on click', async () => {
    expect(
      await run(
        'graph',
        '--snapshot',
        join(FIX, 'bootstrap'),
        '--format',
        'html',
        '--context',
        'aws:MultiFactorAuthPresent=true',
      ),
    ).toBe(0);
    const html = out.out;
    expect(html).not.toMatch(/(src|href)="https?:/);
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      await page.setContent(html);
      const nodes = await page.locator('svg .node').count();
      expect(nodes).toBe(8); // admin + 3 users + 4 roles
      // Parallel edges (lambda-003/004/005 from one role to the app role) are drawn once.
      const edges = await page.locator('svg .edge').count();
      expect(edges).toBe(6);
      expect(await page.locator('svg .edge text').allTextContents()).toContain(
        'lambda-004, lambda-005, lambda-003',
      );
      // Every node is drawn with a real size, and no two overlap.
      const boxes = await page
        .locator('svg .node rect')
        .evaluateAll((els) =>
          els
            .map((e) => (e as SVGGraphicsElement).getBoundingClientRect())
            .map((r) => [r.x, r.y, r.width, r.height]),
        );
      for (const [, , w, h] of boxes) expect(w * h).toBeGreaterThan(0);
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) {
          const [ax, ay, aw, ah] = boxes[i];
          const [bx, by, bw, bh] = boxes[j];
          expect(ax + aw <= bx || bx + bw <= ax || ay + ah <= by || by + bh <= ay).toBe(true);
        }
      const box = await page.locator(`svg .node[data-id="arn:aws:iam::${A}:user/alice"] rect`).boundingBox();
      if (!box) throw new Error('alice is not drawn');
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      const highlighted = await page.locator('svg .edge.hl').count();
      expect(highlighted).toBe(1);
      expect(await page.locator('svg .node.dim').count()).toBe(nodes - 2);
      expect(errors).toEqual([]);
      expect(requests.filter((u) => !u.startsWith('about:') && !u.startsWith('data:'))).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
