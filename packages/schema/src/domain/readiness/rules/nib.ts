import { PERMENKO_1_2026 } from '../sources';
import type { Rule } from '../types';

/**
 * A missing NIB is a document to obtain from OSS, not a bar: the outcome is MISSING_DOCUMENT.
 * Registry rows always carry one; the rule matters for assessments of unsaved or imported data.
 */
export const nibRule: Rule = {
  id: 'NIB_PRESENT',
  description:
    'NIB (Nomor Induk Berusaha, the business identity issued by OSS) is on record: the business legality document a KUR application carries.',
  source: `${PERMENKO_1_2026} (dokumen legalitas usaha calon Penerima KUR)`,
  evaluate({ enterprise }) {
    return enterprise.nib
      ? { outcome: 'PASS', reason: 'NIB (Nomor Induk Berusaha) is on record.' }
      : {
          outcome: 'MISSING_DOCUMENT',
          reason: 'No NIB (Nomor Induk Berusaha) is on record; KUR needs proof of business legality, so register the business in OSS.',
        };
  },
};
