import { validate, type ValidationError } from 'class-validator';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ErrorCode, UserError, UserInputError, conflict } from './errors';
import type { RequestContext } from './context';
import { auditWrite } from '../audit/audit.service';

/** The mutation's name from its input type (`UnitCreateInput` → `unitCreate`): every input is named after its mutation. */
function mutationName(input: object | undefined): string {
  const n = input?.constructor?.name ?? 'mutation';
  const base = n.endsWith('Input') ? n.slice(0, -5) : n;
  return base.charAt(0).toLowerCase() + base.slice(1);
}

/** The record a payload carries, for the audit log. */
function payloadRecord(result: object): { type: string; id: number } | null {
  for (const v of Object.values(result)) {
    const t = (v as { constructor?: { typename?: string } } | null)?.constructor?.typename;
    if (t && typeof (v as { id?: unknown }).id === 'number') return { type: t, id: (v as { id: number }).id };
  }
  return null;
}

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
  const action = mutationName(input);
  // names of the input fields only: values (identity numbers, case facts) never reach the audit log
  const fields = input ? Object.keys(input).filter((k) => (input as Record<string, unknown>)[k] !== undefined) : [];
  try {
    if (input) await validateInput(input);
    const result = await ctx.em.transactional(async (em) => {
      const r = await work(em as EntityManager);
      await auditWrite(em as EntityManager, ctx, action, payloadRecord(r), fields, 'ALLOWED');
      return r;
    });
    return { ...result, userErrors: [] } as unknown as P;
  } catch (e) {
    let userError: UserError | null = null;
    if (e instanceof UserInputError) userError = e.toUserError();
    else if ((e as { code?: string }).code === '23505') userError = conflict('A record with the same unique values already exists').toUserError();
    if (!userError) throw e;
    ctx.em.clear();
    // the refused attempt is recorded on its own, after the rollback
    await ctx.em.transactional((em) => auditWrite(em as EntityManager, ctx, action, null, fields, 'DENIED', `${userError!.code}: ${userError!.field.join('.')}`));
    return { ...empty, userErrors: [userError] } as unknown as P;
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
