/**
 * Building blocks for the resources the SAM transform adds (sam.ts, sam-events.ts, sam-api.ts,
 * sam-connectors.ts): template nodes made in code, located at the SAM property they come from.
 */
import type { Span } from '../../policy/location.js';
import { type CfnEntry, type CfnMap, type CfnNode, fromPlain } from './node.js';
import type { ResourceDef } from './template.js';

/** A map node; entries whose value is undefined are left out. */
export const map = (entries: Array<[string, CfnNode | undefined]>, span: Span): CfnMap => ({
  kind: 'map',
  entries: entries
    .filter((e): e is [string, CfnNode] => e[1] !== undefined)
    .map(([key, value]): CfnEntry => ({ key, keySpan: span, value })),
  span,
});

/** A string scalar's value. */
export const str = (n: CfnNode | undefined): string | undefined =>
  n?.kind === 'scalar' && typeof n.value === 'string' ? n.value : undefined;

/** The logical id a plain string or `{ "Ref": id }` names. */
export const refId = (n: CfnNode | undefined): string | undefined =>
  n?.kind === 'map' && n.entries.length === 1 && n.entries[0].key === 'Ref'
    ? str(n.entries[0].value)
    : str(n);

/** A policy's `Statement` list of one statement allowing `action` on `resource`. */
export const allowOne = (action: string, resource: CfnNode, span: Span): CfnNode => ({
  kind: 'seq',
  items: [
    map(
      [
        ['Action', fromPlain(action, span)],
        ['Effect', fromPlain('Allow', span)],
        ['Resource', resource],
      ],
      span,
    ),
  ],
  span,
});

/** The trust policy of a role SAM creates for one AWS service to assume. */
export const serviceTrust = (service: string, span: Span): CfnNode =>
  fromPlain(
    {
      Version: '2012-10-17',
      Statement: [{ Action: ['sts:AssumeRole'], Effect: 'Allow', Principal: { Service: [service] } }],
    },
    span,
  );

/** A resource the transform adds, marked synthetic, with its `Condition` when it has one. */
export function resource(
  id: string,
  type: string,
  props: Array<[string, CfnNode | undefined]>,
  span: Span,
  condition?: string,
): ResourceDef {
  const properties = map(props, span);
  const node = map(
    [
      ['Type', fromPlain(type, span)],
      ['Properties', properties],
      ['Condition', condition === undefined ? undefined : fromPlain(condition, span)],
    ],
    span,
  );
  return { id, type, node, properties, keySpan: span, synthetic: true, ...(condition ? { condition } : {}) };
}
