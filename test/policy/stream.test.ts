// parsePolicy reads the statements of a policy while the JSON is scanned, one small tree at a
// time (memory proportional to the model, issue 16). It must give exactly what parsing the whole
// tree gives (parsePolicyNode over parseJson), and it reports each statement as it is read.
import { describe, expect, it } from 'vitest';
import { parseJson } from '../../src/policy/json.js';
import { parsePolicy, parsePolicyNode } from '../../src/policy/parse.js';

const whole = (text: string) => {
  const src = parseJson(text, 'p.json');
  return parsePolicyNode(src, src.root, []);
};

const docs: Record<string, string> = {
  plain: JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Sid: 'A', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
      { Effect: 'Deny', NotAction: ['iam:*'], NotResource: 'arn:aws:iam::*:role/x' },
    ],
  }),
  // Statement before Version, issues in statements and at the top, a statement that is no object
  issues: `{"Statement": [{"Effect": "Maybe", "Action": 5}, "text", {"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Bogus": 1}], "Version": "2011-01-01", "Extra": true}`,
  // Statement given twice: the last is read (as JSON.parse does) and the repeat is a located issue
  twice: `{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*"}],\n "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Effect": "Deny"}]}`,
  single: `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}`,
  nested: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"AWS": ["a", "b"]}, "Condition": {"StringEquals": {"aws:x": ["1", "2"]}, "StringEquals": {"aws:y": "3"}}}]}`,
};

describe('parsePolicy streams the statements', () => {
  for (const [name, text] of Object.entries(docs)) {
    it(`${name}: the same document and issues as parsing the whole tree`, () => {
      const streamed = parsePolicy(text, { file: 'p.json' });
      expect(streamed).toEqual(whole(text));
    });
  }

  it('tells onStatement each statement of the read Statement array as it is read', () => {
    const seen: number[] = [];
    parsePolicy(docs.issues, { onStatement: (i) => seen.push(i) });
    expect(seen).toEqual([0, 1, 2]);
  });

  it('what onStatement throws ends the parse there', () => {
    const text = JSON.stringify({ Statement: Array.from({ length: 1000 }, () => ({ Effect: 'Allow' })) });
    let last = -1;
    expect(() =>
      parsePolicy(text, {
        onStatement: (i) => {
          last = i;
          if (i === 10) throw new Error('time is up');
        },
      }),
    ).toThrow('time is up');
    expect(last).toBe(10);
  });

  it('a syntax error after statements is still the one located error', () => {
    const r = parsePolicy('{"Statement": [{"Effect": "Allow"}, {"Effect": "Allow",}]}');
    expect(r.policy).toBeUndefined();
    expect(r.issues.map((i) => i.code)).toEqual(['JSON_SYNTAX']);
    expect(r.issues[0].location.span.start.column).toBeGreaterThan(30);
  });
});
