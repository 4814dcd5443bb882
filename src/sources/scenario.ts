/**
 * Reads simulation scenarios: one JSON object, a JSON array of them, or NDJSON (one per line).
 * Every problem is reported with the file, line, column and JSON path; policies embedded in a
 * scenario keep locations that point into the scenario file.
 */

import type { PolicyRef, PolicySet, Scenario } from '../evaluate/types.js';
import type { ContextScalar } from '../policy/context.js';
import { type PolicyIssue, PolicyParseError } from '../policy/issues.js';
import { type JsonNode, type JsonSource, jsonTypeName, locate, members, parseJson } from '../policy/json.js';
import { LineIndex, type PathElement } from '../policy/location.js';
import { parsePolicyNode } from '../policy/parse.js';

export type ScenarioFormat = 'object' | 'array' | 'ndjson';

export interface ScenarioFile {
  format: ScenarioFormat;
  scenarios: Scenario[];
}

class Reader {
  readonly issues: PolicyIssue[] = [];

  constructor(readonly src: JsonSource) {}

  fail(message: string, node: JsonNode, path: PathElement[]): undefined {
    this.issues.push({ code: 'DATA_TYPE_MISMATCH', message, location: locate(this.src, node, path) });
    return undefined;
  }

  object(
    node: JsonNode,
    path: PathElement[],
    what: string,
    allowed: readonly string[],
  ): Map<string, JsonNode> | undefined {
    if (node.type !== 'object')
      return this.fail(`${what} must be a JSON object, found ${jsonTypeName(node)}`, node, path);
    const out = new Map<string, JsonNode>();
    for (const [name, keyNode, value] of members(node)) {
      if (!allowed.includes(name)) {
        this.fail(`Unknown field "${name}" in ${what}: expected ${allowed.join(', ')}`, keyNode, [
          ...path,
          { value: name },
        ]);
        continue;
      }
      out.set(name, value);
    }
    return out;
  }

  string(
    node: JsonNode | undefined,
    path: PathElement[],
    what: string,
    required: boolean,
  ): string | undefined {
    if (!node) return undefined;
    if (node.type !== 'string')
      return this.fail(`${what} must be a string, found ${jsonTypeName(node)}`, node, path);
    if (required && node.value === '') return this.fail(`${what} must not be empty`, node, path);
    return node.value as string;
  }

  account(node: JsonNode | undefined, path: PathElement[], what: string): string | undefined {
    const s = this.string(node, path, what, true);
    if (s !== undefined && !/^\d{12}$/.test(s))
      return this.fail(`${what} must be a 12-digit account id`, node!, path);
    return s;
  }

  scenario(node: JsonNode, path: PathElement[]): Scenario | undefined {
    const fields = this.object(node, path, 'A scenario', [
      'request',
      'principalAccount',
      'resourceAccount',
      'policies',
      'organization',
      'name',
    ]);
    if (!fields) return undefined;
    const at = (k: string): PathElement[] => [...path, { value: k }];
    const reqNode = fields.get('request');
    const polNode = fields.get('policies');
    if (!reqNode) return this.fail('A scenario needs a "request" object', node, path);
    if (!polNode) return this.fail('A scenario needs a "policies" object', node, path);
    const request = this.request(reqNode, at('request'));
    const policies = this.policies(polNode, at('policies'));
    const principalAccount = this.account(
      fields.get('principalAccount'),
      at('principalAccount'),
      'principalAccount',
    );
    const resourceAccount = this.account(
      fields.get('resourceAccount'),
      at('resourceAccount'),
      'resourceAccount',
    );
    let organization: Scenario['organization'];
    const orgNode = fields.get('organization');
    if (orgNode) {
      const o = this.object(orgNode, at('organization'), 'organization', ['id', 'managementAccount']);
      if (o) {
        organization = {
          id: this.string(o.get('id'), [...at('organization'), { value: 'id' }], 'organization.id', true),
          managementAccount: this.account(
            o.get('managementAccount'),
            [...at('organization'), { value: 'managementAccount' }],
            'organization.managementAccount',
          ),
        };
      }
    }
    const name = this.string(fields.get('name'), at('name'), 'name', false);
    if (!request || !policies) return undefined;
    return { name, request, principalAccount, resourceAccount, policies, organization };
  }

  request(node: JsonNode, path: PathElement[]): Scenario['request'] | undefined {
    const f = this.object(node, path, 'request', ['principal', 'action', 'resource', 'context']);
    if (!f) return undefined;
    const at = (k: string): PathElement[] => [...path, { value: k }];
    const need = (k: string) => {
      const n = f.get(k);
      if (!n) return this.fail(`request needs "${k}"`, node, path);
      return this.string(n, at(k), `request.${k}`, true);
    };
    const principal = need('principal');
    const action = need('action');
    const resource = need('resource');
    let context: Record<string, ContextScalar | ContextScalar[]> | undefined;
    const ctxNode = f.get('context');
    if (ctxNode) {
      if (ctxNode.type !== 'object') {
        this.fail(
          `request.context must be a JSON object, found ${jsonTypeName(ctxNode)}`,
          ctxNode,
          at('context'),
        );
      } else {
        context = {};
        for (const [key, , value] of members(ctxNode)) {
          const p = [...at('context'), { value: key }];
          const scalar = (n: JsonNode, pp: PathElement[]) =>
            n.type === 'string' || n.type === 'number' || n.type === 'boolean'
              ? (n.value as ContextScalar)
              : this.fail(
                  `A context value must be a string, number, boolean or an array of them, found ${jsonTypeName(n)}`,
                  n,
                  pp,
                );
          if (value.type === 'array') {
            const list = (value.children ?? []).map((c, i) => scalar(c, [...p, { index: i }]));
            if (list.every((v) => v !== undefined)) context[key] = list as ContextScalar[];
          } else {
            const v = scalar(value, p);
            if (v !== undefined) context[key] = v;
          }
        }
      }
    }
    if (principal === undefined || action === undefined || resource === undefined) return undefined;
    if (!action.includes(':') && action !== '*') {
      return this.fail(
        `request.action "${action}" must be service:Action, e.g. s3:GetObject`,
        f.get('action')!,
        at('action'),
      );
    }
    return { principal, action, resource, context };
  }

  policy(node: JsonNode | undefined, path: PathElement[]): PolicyRef | undefined {
    if (!node || node.type === 'null') return undefined;
    if (node.type === 'object' && members(node).some(([k]) => k === 'document')) {
      const f = this.object(node, path, 'A named policy', ['name', 'document']);
      if (!f) return undefined;
      const name = this.string(f.get('name'), [...path, { value: 'name' }], 'name', true);
      const doc = this.document(f.get('document')!, [...path, { value: 'document' }]);
      return doc ? { name, document: doc } : undefined;
    }
    const doc = this.document(node, path);
    return doc ? { document: doc } : undefined;
  }

  document(node: JsonNode, path: PathElement[]) {
    const { policy, issues } = parsePolicyNode(this.src, node, path);
    this.issues.push(...issues);
    return issues.length === 0 ? policy : undefined;
  }

  list(node: JsonNode | undefined, path: PathElement[], what: string): PolicyRef[] | undefined {
    if (!node || node.type === 'null') return undefined;
    if (node.type !== 'array') return this.fail(`${what} must be an array of policies`, node, path);
    const out: PolicyRef[] = [];
    (node.children ?? []).forEach((c, i) => {
      const ref = this.policy(c, [...path, { index: i }]);
      if (ref) out.push(ref);
    });
    return out;
  }

  levels(node: JsonNode | undefined, path: PathElement[], what: string): PolicyRef[][] | undefined {
    if (!node || node.type === 'null') return undefined;
    if (node.type !== 'array') {
      return this.fail(
        `${what} must be an array of levels (root first), each an array of policies`,
        node,
        path,
      );
    }
    return (node.children ?? []).map((c, i) => this.list(c, [...path, { index: i }], `${what}[${i}]`) ?? []);
  }

  policies(node: JsonNode, path: PathElement[]): PolicySet | undefined {
    const f = this.object(node, path, 'policies', [
      'identity',
      'resource',
      'permissionBoundary',
      'sessionPolicy',
      'scps',
      'rcps',
      'vpcEndpoint',
    ]);
    if (!f) return undefined;
    const at = (k: string): PathElement[] => [...path, { value: k }];
    return {
      identity: this.list(f.get('identity'), at('identity'), 'policies.identity'),
      resource: this.policy(f.get('resource'), at('resource')),
      permissionBoundary: this.policy(f.get('permissionBoundary'), at('permissionBoundary')),
      sessionPolicy: this.policy(f.get('sessionPolicy'), at('sessionPolicy')),
      scps: this.levels(f.get('scps'), at('scps'), 'policies.scps'),
      rcps: this.levels(f.get('rcps'), at('rcps'), 'policies.rcps'),
      vpcEndpoint: this.policy(f.get('vpcEndpoint'), at('vpcEndpoint')),
    };
  }
}

function shift(node: JsonNode, by: number): void {
  (node as { offset: number }).offset += by;
  for (const c of node.children ?? []) shift(c, by);
}

/** Reads scenarios from text; throws a PolicyParseError listing every located problem. */
export function readScenarios(text: string, file?: string): ScenarioFile {
  const trimmed = text.trimStart();
  let format: ScenarioFormat;
  const roots: Array<{ src: JsonSource; node: JsonNode; path: PathElement[] }> = [];
  if (trimmed === '') {
    throw new PolicyParseError(
      [
        {
          code: 'JSON_SYNTAX',
          message: 'The input is empty: expected a scenario, an array or NDJSON',
          location: { path: [], span: new LineIndex(text).span(0, 0) },
        },
      ],
      file,
    );
  }
  let whole: JsonSource | undefined;
  let wholeError: unknown;
  try {
    whole = parseJson(text, file);
  } catch (e) {
    wholeError = e;
  }
  if (whole) {
    if (whole.root.type === 'array') {
      format = 'array';
      const src = whole;
      (whole.root.children ?? []).forEach((c, i) => {
        roots.push({ src, node: c, path: [{ index: i }] });
      });
    } else {
      format = 'object';
      roots.push({ src: whole, node: whole.root, path: [] });
    }
  } else {
    // Not one JSON value: NDJSON when it has several non-empty lines, else report the JSON error.
    const lines = text.split('\n');
    if (lines.filter((l) => l.trim() !== '').length < 2 || trimmed.startsWith('[')) throw wholeError;
    // NDJSON holds one complete value per line: when the first line is not one, the input is a
    // multi-line JSON document with a syntax error, which the whole-text error locates.
    try {
      parseJson(lines.find((l) => l.trim() !== '') ?? '', file);
    } catch {
      throw wholeError;
    }
    format = 'ndjson';
    const index = new LineIndex(text);
    let offset = 0;
    lines.forEach((line, i) => {
      if (line.trim() !== '') {
        let src: JsonSource;
        try {
          src = parseJson(line, file);
        } catch (e) {
          if (e instanceof PolicyParseError) {
            const issue = e.issues[0];
            const start = offset + issue.location.span.start.offset;
            throw new PolicyParseError(
              [
                {
                  ...issue,
                  message: `${issue.message} (NDJSON line ${i + 1})`,
                  location: { path: [{ index: roots.length }], span: index.span(start, 0) },
                },
              ],
              file,
            );
          }
          throw e;
        }
        shift(src.root, offset);
        const at = { index: roots.length };
        const duplicates = src.duplicates.map((d) => ({ ...d, path: [at, ...d.path] }));
        roots.push({
          src: { text, file, root: src.root, lines: index, duplicates },
          node: src.root,
          path: [{ index: roots.length }],
        });
      }
      offset += line.length + 1;
    });
  }
  if (roots.length === 0) {
    throw new PolicyParseError(
      [
        {
          code: 'EMPTY_ARRAY',
          message: 'The array holds no scenarios',
          location: { path: [], span: new LineIndex(text).span(0, 0) },
        },
      ],
      file,
    );
  }
  const issues: PolicyIssue[] = [];
  const scenarios: Scenario[] = [];
  for (const r of roots) {
    const reader = new Reader(r.src);
    const s = reader.scenario(r.node, r.path);
    issues.push(...reader.issues);
    if (s) scenarios.push(s);
  }
  if (issues.length > 0) throw new PolicyParseError(issues, file);
  return { format, scenarios };
}
