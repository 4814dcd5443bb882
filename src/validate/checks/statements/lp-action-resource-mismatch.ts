import { getResourceType } from '../../../catalog/index.js';
import { defineCheck } from '../../define.js';
import { resourceMatchesFormat } from '../../glob.js';
import { SAR, specificResources } from './shared.js';

export const lpActionResourceMismatch = defineCheck(
  {
    issueCode: 'LP_ACTION_RESOURCE_MISMATCH',
    findingType: 'WARNING',
    title: 'Action matches none of the resources',
    description:
      'No resource of the statement can be of a resource type the action applies to (e.g. s3:GetObject on a bucket ARN), so the statement grants nothing for that action.',
    learnMoreLink: SAR,
    messages: {
      actionAppliesResource:
        "The action {{fullName}} applies to resource types {{resourceTypes}}, and none of the statement's resources can be one of them (expected {{formats}}). The statement grants nothing for this action.",
    },
  },
  (ctx) => {
    for (const st of ctx.statements) {
      const resources = specificResources(st);
      if (!resources) continue;
      for (const a of ctx.actions(st)) {
        const info = a.info;
        if (!info || info.isWildcardOnly) continue;
        const formats = info.resourceTypes
          .map((r) => getResourceType(info.service, r.name)?.arn)
          .filter((f): f is string => f !== undefined);
        if (formats.length === 0) continue;
        const ok = resources.some((r) => formats.some((f) => resourceMatchesFormat(r, f, 'strict')));
        if (!ok) {
          ctx.report(
            {
              messageId: 'actionAppliesResource',
              data: {
                fullName: info.fullName,
                resourceTypes: info.resourceTypes.map((r) => r.name).join(', '),
                formats: formats.join(' or '),
              },
            },
            a.loc,
          );
        }
      }
    }
  },
);
