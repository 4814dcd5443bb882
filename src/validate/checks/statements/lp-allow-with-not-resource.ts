import { allowWithNot } from './shared.js';

export const lpAllowWithNotResource = allowWithNot('LP_ALLOW_WITH_NOT_RESOURCE');
