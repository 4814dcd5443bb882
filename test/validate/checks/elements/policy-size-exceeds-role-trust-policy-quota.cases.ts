// biome-ignore-all lint/suspicious/noTemplateCurlyInString: IAM policy variables and ARN placeholders are ${...} text
import { type CheckCases, TRUST, trust } from '../helpers.js';

/** POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA: src/validate/checks/elements/policy-size-exceeds-role-trust-policy-quota.ts */
export default {
  code: 'POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA',
  type: 'RESOURCE_POLICY',
  rt: TRUST,
  invalid: [
    {
      doc: trust({
        Principal: {
          AWS: Array.from(
            { length: 60 },
            (_, i) => `arn:aws:iam::1234567890${String(i).padStart(2, '0')}:root`,
          ),
        },
      }),
    },
  ],
  valid: [trust({})],
} satisfies CheckCases;
