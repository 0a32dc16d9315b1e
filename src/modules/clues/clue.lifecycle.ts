import { conflict } from '../../common/errors';
import { ClueStatus as S } from './clue.enums';

/** The mutations that move a clue from one status to another. */
export type ClueAction = 'clueDispose' | 'clueFinishTalk' | 'clueEscalate' | 'clueFileCase' | 'clueConcludeCase' | 'clueClear' | 'clueReopen';

/**
 * The lifecycle of a problem clue, as one table: from → to → the mutation that makes the step.
 * Anything not listed is refused with CONFLICT and changes nothing.
 */
export const CLUE_TRANSITIONS: Record<S, Partial<Record<S, ClueAction>>> = {
  [S.RECEIVED]: {
    [S.TALK_OR_INQUIRY_LETTER]: 'clueDispose',
    [S.PRELIMINARY_VERIFICATION]: 'clueDispose',
    [S.SHELVED]: 'clueDispose',
    [S.CLOSED]: 'clueDispose',
  },
  [S.TALK_OR_INQUIRY_LETTER]: {
    [S.TALK_CONCLUDED]: 'clueFinishTalk',
    [S.PRELIMINARY_VERIFICATION]: 'clueEscalate',
    [S.CLEARED]: 'clueClear',
  },
  [S.PRELIMINARY_VERIFICATION]: {
    [S.CASE_FILED]: 'clueFileCase',
    [S.CLEARED]: 'clueClear',
  },
  [S.CASE_FILED]: {
    [S.CASE_CONCLUDED]: 'clueConcludeCase',
  },
  [S.SHELVED]: {
    [S.RECEIVED]: 'clueReopen',
  },
  [S.CLOSED]: {},
  [S.TALK_CONCLUDED]: {},
  [S.CASE_CONCLUDED]: {},
  [S.CLEARED]: {},
};

/** Statuses in which a clue is being handled: its deadline runs (overdue, reminders). */
export const OPEN_STATUSES: readonly S[] = [S.RECEIVED, S.TALK_OR_INQUIRY_LETTER, S.PRELIMINARY_VERIFICATION, S.CASE_FILED];
/** Final statuses: the clue is done with (办结). SHELVED is neither: it waits, with its deadline paused. */
export const COMPLETED_STATUSES: readonly S[] = [S.CLOSED, S.TALK_CONCLUDED, S.CASE_CONCLUDED, S.CLEARED];

const TERMS: Record<S, string> = {
  [S.RECEIVED]: '已受理',
  [S.TALK_OR_INQUIRY_LETTER]: '谈话函询',
  [S.PRELIMINARY_VERIFICATION]: '初步核实',
  [S.SHELVED]: '暂存待查',
  [S.CLOSED]: '予以了结',
  [S.TALK_CONCLUDED]: '谈话函询了结',
  [S.CASE_FILED]: '立案',
  [S.CASE_CONCLUDED]: '结案',
  [S.CLEARED]: '澄清正名',
};

export const statusLabel = (s: S) => `${TERMS[s]} (${s})`;

/** The statuses a clue may move to next. */
export function nextStatuses(from: S): S[] {
  return Object.keys(CLUE_TRANSITIONS[from]) as S[];
}

/** Refuses a step the table does not allow (or that another mutation makes), naming where the clue may go. */
export function checkTransition(from: S, to: S, action: ClueAction): void {
  if (CLUE_TRANSITIONS[from][to] === action) return;
  const allowed = Object.entries(CLUE_TRANSITIONS[from]).map(([t, a]) => `${statusLabel(t as S)} by ${a}`);
  const next = allowed.length ? `from there it may go to ${allowed.join(', ')}` : 'that status is final';
  throw conflict(`The clue is ${statusLabel(from)}: ${action} cannot move it to ${statusLabel(to)}; ${next}`, ['input', 'id']);
}
