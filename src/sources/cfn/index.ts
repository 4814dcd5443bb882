/**
 * CloudFormation / SAM template reader: text -> cfn-policy-validator's parse output plus the
 * template location of every extracted policy. Reads no files; the CLI passes the text.
 */

import { NO_SPAN } from '../../policy/location.js';
import { type Extraction, type ExtractOptions, extractPolicies } from './extract.js';
import { CfnTemplateError, type CfnWarning, loadTemplate } from './node.js';

export type {
  CfnGroup,
  CfnParseOutput,
  CfnPermissionSet,
  CfnPolicy,
  CfnResource,
  CfnRole,
  CfnUser,
  Extraction,
  ExtractOptions,
  ManagedPolicyInfo,
  PolicyKind,
  PolicySource,
} from './extract.js';
export { locateInPolicy, ORPHAN_RESOURCE_NAME, SUPPORTED_RESOURCE_POLICY_TYPES } from './extract.js';
export { type CfnNode, CfnTemplateError, type CfnWarning, formatWarning, loadTemplate } from './node.js';
export { isValidRegion, partitionOf } from './resources.js';
export { samPolicyTemplates } from './sam.js';
export {
  DEFAULT_ACCOUNT_ID,
  Template,
  type TemplateOptions,
  UNRESOLVED_PATTERN,
  unresolvedMarker,
} from './template.js';

/** Parses template text and extracts its policies. Throws CfnTemplateError (located) on bad input. */
export function parseTemplate(text: string, options: ExtractOptions): Extraction {
  try {
    const warnings: CfnWarning[] = [];
    return extractPolicies(loadTemplate(text, options.file, warnings), options, warnings);
  } catch (e) {
    // Pathologically deep nesting exhausts the stack in the parser or the evaluator.
    if (e instanceof RangeError) {
      throw new CfnTemplateError(`the template cannot be processed: ${e.message}`, options.file, NO_SPAN);
    }
    throw e;
  }
}
