import { addMonths } from '../../common/scalars';
import { InfluencePeriodType, SanctionCategory, SanctionKind as K } from './sanction.enums';

/**
 * Which kinds each category allows, and the influence period (影响期) each carries, from
 * 中国共产党纪律处分条例 (2023), 政务处分法 art. 7-8, 问责条例 and 组织处理规定.
 * `months: 'recorded'` means the decision records the period; a number is the fixed term,
 * or (organisational handling) the default that the decision may override.
 */
type Term =
  | { type: 'months'; months: number; overridable?: boolean }
  | { type: 'recorded' }
  | { type: 'probation' }
  | { type: 'permanent' }
  | { type: 'none' }
  | { type: 'until_updated' };

export const SANCTION_RULES: Record<SanctionCategory, Partial<Record<K, Term>>> = {
  [SanctionCategory.PARTY_DISCIPLINE]: {
    [K.WARNING]: { type: 'months', months: 12 },
    [K.SERIOUS_WARNING]: { type: 'months', months: 18 },
    [K.REMOVAL_FROM_PARTY_POST]: { type: 'months', months: 24 },
    [K.PARTY_PROBATION]: { type: 'probation' },
    [K.EXPULSION_FROM_PARTY]: { type: 'permanent' },
  },
  [SanctionCategory.GOVERNMENT]: {
    [K.WARNING]: { type: 'months', months: 6 },
    [K.DEMERIT]: { type: 'months', months: 12 },
    [K.MAJOR_DEMERIT]: { type: 'months', months: 18 },
    [K.DEMOTION]: { type: 'months', months: 24 },
    [K.DISMISSAL_FROM_POST]: { type: 'months', months: 24 },
    [K.EXPULSION]: { type: 'permanent' },
  },
  [SanctionCategory.ACCOUNTABILITY]: {
    [K.CIRCULATED_CRITICISM]: { type: 'recorded' },
    [K.ADMONISHMENT]: { type: 'months', months: 6 },
    [K.ORGANISATIONAL_HANDLING]: { type: 'recorded' },
    [K.INSPECTION]: { type: 'recorded' },
    [K.CIRCULATION]: { type: 'recorded' },
    [K.REORGANISATION]: { type: 'recorded' },
  },
  [SanctionCategory.ORGANISATIONAL]: {
    [K.SUSPENSION_FOR_REVIEW]: { type: 'recorded' },
    [K.POST_ADJUSTMENT]: { type: 'months', months: 12, overridable: true },
    [K.ORDERED_RESIGNATION]: { type: 'months', months: 24, overridable: true },
    [K.REMOVAL_FROM_POST]: { type: 'months', months: 24, overridable: true },
    [K.DEMOTION_IN_POST]: { type: 'months', months: 24, overridable: true },
  },
  [SanctionCategory.EDUCATION]: {
    [K.CRITICISM_EDUCATION]: { type: 'none' },
    [K.REMINDER_TALK]: { type: 'none' },
    [K.WRITTEN_SELF_CRITICISM]: { type: 'none' },
  },
  [SanctionCategory.JUDICIAL]: {
    [K.TRANSFERRED_TO_JUDICIARY]: { type: 'until_updated' },
  },
};

/** Kinds decided against a party organisation rather than a person. */
export const ORGANISATION_KINDS: readonly K[] = [K.INSPECTION, K.CIRCULATION, K.REORGANISATION];

export interface InfluenceInput {
  category: SanctionCategory;
  kind: K;
  effectiveDate: string;
  probationMonths?: number | null;
  /** For kinds whose period the decision records (or may override). */
  influenceMonths?: number | null;
}

export interface Influence {
  type: InfluencePeriodType;
  /** Last day inside the period (inclusive), for UNTIL_DATE. */
  end: string | null;
}

/** Checks the combination; returns a message for the client, or null when valid. */
export function influenceProblem(i: InfluenceInput): { field: string; message: string } | null {
  const term = SANCTION_RULES[i.category]?.[i.kind];
  if (!term) return { field: 'kind', message: `${i.kind} is not a kind of the ${i.category} category` };
  if (term.type === 'probation') {
    if (i.probationMonths !== 12 && i.probationMonths !== 24) {
      return { field: 'probationMonths', message: 'Party probation (留党察看) must record a probation of 12 or 24 months' };
    }
  } else if (i.probationMonths != null) {
    return { field: 'probationMonths', message: 'Only party probation (留党察看) records a probation period' };
  }
  const mayRecord = term.type === 'recorded' || (term.type === 'months' && term.overridable);
  if (i.influenceMonths != null) {
    if (!mayRecord) return { field: 'influenceMonths', message: `The influence period of ${i.kind} is fixed by the rules and cannot be recorded` };
    if (!Number.isInteger(i.influenceMonths) || i.influenceMonths < 0 || i.influenceMonths > 120) {
      return { field: 'influenceMonths', message: 'influenceMonths must be a whole number of months between 0 and 120' };
    }
  }
  return null;
}

const dayBefore = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
};

/** The influence period: it runs from the effective date; `end` is its last day. */
export function computeInfluence(i: InfluenceInput): Influence {
  const term = SANCTION_RULES[i.category]?.[i.kind];
  if (!term) throw new Error(`invalid sanction ${i.category}/${i.kind}`);
  const until = (months: number): Influence =>
    months <= 0 ? { type: InfluencePeriodType.NONE, end: null } : { type: InfluencePeriodType.UNTIL_DATE, end: dayBefore(addMonths(i.effectiveDate, months)) };
  switch (term.type) {
    case 'months':
      return until(term.overridable && i.influenceMonths != null ? i.influenceMonths : term.months);
    case 'recorded':
      return until(i.influenceMonths ?? 0);
    case 'probation':
      return until((i.probationMonths ?? 0) + 24);
    case 'permanent':
      return { type: InfluencePeriodType.PERMANENT, end: null };
    case 'none':
      return { type: InfluencePeriodType.NONE, end: null };
    case 'until_updated':
      return { type: InfluencePeriodType.UNTIL_UPDATED, end: null };
  }
}
