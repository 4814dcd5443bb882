import { defineCheck } from '../../define.js';
import { principalEntries } from './shared.js';

export const unsupportedWildcardInPrincipal = defineCheck(
  {
    issueCode: 'UNSUPPORTED_WILDCARD_IN_PRINCIPAL',
    findingType: 'ERROR',
    title: 'Unsupported wildcard in principal',
    description: 'Wildcards are not allowed inside principal values (only "*" or {"AWS": "*"}).',
    messages: {
      wildcardsNotSupported:
        'Wildcards (*, ?) are not supported with the principal key {{type}}. Replace the wildcard with a valid principal value.',
    },
  },
  (ctx) => {
    for (const [, e] of principalEntries(ctx)) {
      const v = e.value.value;
      if (e.type === 'AWS' && v === '*') continue;
      if (v.includes('*') || v.includes('?')) {
        ctx.report({ messageId: 'wildcardsNotSupported', data: { type: e.type } }, e.value.loc);
      }
    }
  },
);
