import { ApolloArmor } from '@escape.tech/graphql-armor';
import { Lexer, Source, TokenKind, GraphQLError } from 'graphql';
import type { Config } from '../config';

/**
 * Query limits (graphql-armor): depth, aliases (an aliased __typename counts too), directives
 * and cost, as validation rules: a query past one is refused with 400 before anything runs.
 * Field suggestions are blocked by armor as well. Armor's own token limit throws during parsing,
 * which Apollo answers with a 500; tokens are counted here instead, before Apollo sees the query.
 */
export function armorProtection(config: Config) {
  const l = config.limits;
  const armor = new ApolloArmor({
    maxDepth: { n: l.maxDepth, ignoreIntrospection: true, flattenFragments: true },
    maxAliases: { n: l.maxAliases, allowList: [] },
    maxDirectives: { n: l.maxDirectives },
    costLimit: { maxCost: l.maxCost, ignoreIntrospection: true },
    blockFieldSuggestion: { enabled: true },
    maxTokens: { enabled: false },
  });
  return armor.protect();
}

/** The code and message of a query refused by a limit. */
export const LIMIT_CODE = 'QUERY_LIMIT_EXCEEDED';
const ARMOR_MESSAGES = [/^Syntax Error: Query depth limit/, /^Syntax Error: Aliases limit/, /^Syntax Error: Directives limit/, /^Syntax Error: Query Cost limit/, /^Syntax Error: Token limit/];
export const isLimitMessage = (message: string) => ARMOR_MESSAGES.some((re) => re.test(message));

/** Counts the tokens of a document without building it; stops at the limit. A document can have no more tokens than characters. */
export function tokenLimitError(query: unknown, maxTokens: number): GraphQLError | null {
  if (typeof query !== 'string' || query.length <= maxTokens) return null;
  const lexer = new Lexer(new Source(query));
  let count = 0;
  try {
    for (let t = lexer.advance(); t.kind !== TokenKind.EOF; t = lexer.advance()) {
      if (++count > maxTokens) return new GraphQLError(`Syntax Error: Token limit of ${maxTokens} exceeded.`, { extensions: { code: LIMIT_CODE, http: { status: 400 } } });
    }
  } catch {
    return null; // a lexing error is reported by the parser as usual
  }
  return null;
}
