import { validate, type ValidationError } from 'class-validator';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ErrorCode, UserError, UserInputError, conflict } from './errors';
import type { RequestContext } from './context';

/** The shape every mutation payload has. */
export interface Payload {
  userErrors: UserError[];
}

function firstConstraint(e: ValidationError, path: string[]): { path: string[]; message: string } | null {
  if (e.constraints) {
    const message = Object.values(e.constraints)[0];
    return { path: [...path, e.property], message };
  }
  for (const child of e.children ?? []) {
    const found = firstConstraint(child, [...path, e.property]);
    if (found) return found;
  }
  return null;
}

/** Runs class-validator on an input object; the first violation becomes a BAD_USER_INPUT user error. */
export async function validateInput(input: object): Promise<void> {
  const errors = await validate(input, { forbidUnknownValues: false, validationError: { target: false, value: false } });
  if (errors.length) {
    const found = firstConstraint(errors[0], ['input']);
    throw new UserInputError(ErrorCode.BAD_USER_INPUT, found?.message ?? 'Invalid input', found?.path ?? ['input']);
  }
}

/**
 * Validates the input, then runs `work` in one transaction. A UserInputError rolls the
 * transaction back and comes out as `userErrors`; nothing is half written. A unique
 * violation from PostgreSQL becomes a CONFLICT user error.
 */
export async function runMutation<P extends Payload>(
  ctx: RequestContext,
  input: object | undefined,
  work: (em: EntityManager) => Promise<Omit<P, 'userErrors'>>,
  empty: Omit<P, 'userErrors'>,
): Promise<P> {
  try {
    if (input) await validateInput(input);
    const result = await ctx.em.transactional((em) => work(em as EntityManager));
    return { ...result, userErrors: [] } as unknown as P;
  } catch (e) {
    if (e instanceof UserInputError) return { ...empty, userErrors: [e.toUserError()] } as unknown as P;
    if ((e as { code?: string }).code === '23505') {
      return { ...empty, userErrors: [conflict('A record with the same unique values already exists').toUserError()] } as unknown as P;
    }
    throw e;
  } finally {
    // A failed transaction may leave managed entities half-changed in the request's identity map.
    ctx.em.clear();
  }
}

/** A stale version is a CONFLICT user error. */
export function checkVersion(entity: { version: number }, version: number, what: string): void {
  if (entity.version !== version) {
    throw conflict(`${what} was changed by someone else (version ${entity.version}, you sent ${version}); reload it and try again`, ['input', 'version']);
  }
}
