import { defineCheck } from '../../define.js';
import { sidsRequired } from './shared.js';

export const unsupportedSid = defineCheck(
  {
    issueCode: 'UNSUPPORTED_SID',
    findingType: 'ERROR',
    title: 'Unsupported Sid',
    description: 'In IAM policies, SCPs and RCPs a Sid may contain only ASCII letters and digits.',
    messages: {
      updateCharactersSid:
        'Update the characters in the Sid element to use one of the following character types: [a-z, A-Z, 0-9]',
    },
  },
  (ctx) => {
    if (!sidsRequired(ctx)) return;
    for (const st of ctx.statements) {
      const sid = st.sid?.value;
      if (sid && !/^[A-Za-z0-9]+$/.test(sid)) {
        ctx.report({ messageId: 'updateCharactersSid' }, st.sid!.loc);
      }
    }
  },
);
