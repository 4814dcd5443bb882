/**
 * Condition operators, one family per file under conditions/ (see conditions/families.ts). This
 * module is the public entry: the evaluator compiles conditions with `compileCondition`, the
 * validator reads values with the family parsers, the reasoner asks the families for witness points.
 */
export { binaryWitnesses, parseBinary } from './conditions/binary.js';
export { boolWitnesses, parseBool } from './conditions/bool.js';
export {
  type ConditionFn,
  type ConditionOptions,
  compileCondition,
  conditionKeysOf,
} from './conditions/compile.js';
export { dateWitnesses, NOT_A_DATE, parseDate } from './conditions/date.js';
export {
  FAMILY_NAMES,
  FAMILY_OPERATORS,
  type FamilyName,
  familyOf,
  isNegatedOperator,
  positiveOf,
  supportsVariables,
} from './conditions/families.js';
export {
  type Cidr,
  type IpAddressValue,
  inCidr,
  ipWitnesses,
  matchesIp,
  NOT_AN_ADDRESS,
  parseCidr,
  parseIp,
} from './conditions/ip.js';
export { NOT_A_NUMBER, numericWitnesses, parseNumeric } from './conditions/numeric.js';
export { plainDecimal } from './conditions/ordered.js';
export {
  literalValue,
  type PatternMode,
  patternInstances,
  type StringPattern,
  stringPattern,
} from './conditions/strings.js';
