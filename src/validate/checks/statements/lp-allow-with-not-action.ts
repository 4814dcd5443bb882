import { allowWithNot } from './shared.js';

export const lpAllowWithNotAction = allowWithNot('LP_ALLOW_WITH_NOT_ACTION');
