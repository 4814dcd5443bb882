/**
 * The shapes of IAM Access Analyzer's unused access findings (GetFindingV2) and their
 * recommendation (GetFindingRecommendation), as `trail unused` returns them.
 * https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_GetFindingV2.html
 * https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_GetFindingRecommendation.html
 */
export interface UnusedFinding {
  findingType: 'UnusedPermission' | 'UnusedIAMRole' | 'UnusedIAMUserAccessKey' | 'UnusedIAMUserPassword';
  resource: string;
  resourceType: 'AWS::IAM::Role' | 'AWS::IAM::User';
  resourceOwnerAccount: string;
  status: 'ACTIVE';
  findingDetails: Array<Record<string, unknown>>;
  /** For UnusedPermission: the policy that grants what was used in the window. */
  recommendation?: {
    recommendedSteps: Array<{
      unusedPermissionsRecommendedStep: {
        recommendedAction: 'CREATE_POLICY' | 'DETACH_POLICY';
        recommendedPolicy?: string;
        existingPolicyId?: string;
      };
    }>;
  };
}

export interface UnusedResult {
  window: { from: string; to: string; days: number };
  findings: UnusedFinding[];
  notes: string[];
}
