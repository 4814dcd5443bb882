/**
 * A member name repeated within one JSON object of the policy. RFC 8259 section 4: names within
 * an object SHOULD be unique, and when they are not, the behavior of the software reading it is
 * unpredictable (most keep the last value). Access Analyzer's reference names no issue code for
 * this (DUPLICATE_KEYS_WITH_DIFFERENT_CASE covers condition keys differing in case only), so it
 * is leastpriv's own code: the value that was read is not what the author wrote twice.
 * https://www.rfc-editor.org/rfc/rfc8259#section-4
 */
import { defineCheck } from '../../define.js';

export const duplicateKey = defineCheck(
  {
    issueCode: 'LP_DUPLICATE_KEY',
    findingType: 'ERROR',
    title: 'Duplicate key',
    description:
      'A member name occurs twice in one JSON object: only the later value is read, so the earlier one is silently lost.',
    learnMoreLink: 'https://www.rfc-editor.org/rfc/rfc8259#section-4',
  },
  (ctx) => {
    for (const issue of ctx.issues) {
      if (issue.code !== 'DUPLICATE_MEMBER') continue;
      ctx.report(issue.message, [issue.location, ...(issue.related ?? [])]);
    }
  },
);
