import { sizeClass } from '../../size-class';
import { PP_7_2021 } from '../sources';
import type { Rule } from '../types';

/**
 * Temu Bisnis leads come from IKM (micro, small and medium industry), so a large business (usaha
 * besar) fails. KUR's own, stricter scale test is the turnover ceiling (annual-turnover.ts); a
 * medium class here can only come from capital when no turnover is recorded, and that rule then
 * asks for the turnover.
 */
export const sizeClassRule: Rule = {
  id: 'SIZE_CLASS_IKM',
  description:
    'Size class under PP 7/2021 is micro, small or medium (an IKM), from annual sales or, without a sales year, business capital excluding land and buildings; a large business fails.',
  source: PP_7_2021,
  evaluate({ enterprise }) {
    const result = sizeClass(enterprise);
    if (result.sizeClass === null) {
      return { outcome: 'MISSING_DOCUMENT', reason: `${result.reason} Record annual sales or business capital.` };
    }
    return result.sizeClass === 'LARGE'
      ? { outcome: 'FAIL', reason: `${result.reason} KUR leads on Temu Bisnis are for IKM only.` }
      : { outcome: 'PASS', reason: result.reason };
  },
};
