/**
 * A typed client for the example operations: each operation in examples/operations/ becomes a
 * TypedDocumentNode in generated/graphql.ts (`npm run examples:generate`), so the result and the
 * variables of every request are checked by the compiler. Copy this file and the codegen config
 * into a client project; nothing here depends on the server's code.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type GraphQLFormattedError } from 'graphql';
import {
  LetterCreateDocument,
  LetterItemAddDocument,
  LetterPublishDocument,
  LetterSignDocument,
  OfficialWithSanctionsDocument,
  UnitChildrenDocument,
  UnitsTreeDocument,
  ViewerDocument,
  type UnitChildrenQuery,
  type OfficialWithSanctionsQuery,
  type UnitNodeFragment,
} from './generated/graphql';

/** A response: `data` may be partial, with a FORBIDDEN error at the path of each denied field. */
export interface Response<T> {
  data: T | null;
  errors: GraphQLFormattedError[];
}

/** Top-level error codes (extensions.code) this API answers with. */
export type ErrorCode = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'BAD_USER_INPUT' | 'CONFLICT' | 'RATE_LIMITED' | 'INTERNAL_SERVER_ERROR' | (string & {});

export class LianzhengClient {
  constructor(
    private readonly endpoint: string,
    private readonly token: string,
  ) {}

  async request<TResult, TVariables extends Record<string, unknown>>(document: TypedDocumentNode<TResult, TVariables>, variables?: TVariables): Promise<Response<TResult>> {
    const res = await fetch(this.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', authorization: `Bearer ${this.token}` },
      body: JSON.stringify({ query: print(document), variables }),
    });
    const body = (await res.json()) as { data?: TResult | null; errors?: GraphQLFormattedError[] };
    return { data: body.data ?? null, errors: body.errors ?? [] };
  }
}

export const codeOf = (e: GraphQLFormattedError): ErrorCode | undefined => e.extensions?.code as ErrorCode | undefined;

/** Mutations report why nothing was written in userErrors; a client shows them next to the input fields named by `field`. */
function check<T extends { userErrors: { field: string[]; message: string; code: string }[] }>(payload: T | null | undefined, what: string): T {
  if (!payload) throw new Error(`${what}: no payload (denied? see the top-level errors)`);
  if (payload.userErrors.length) throw new Error(`${what}: ${payload.userErrors.map((e) => `${e.field.join('.')}: ${e.message} (${e.code})`).join('; ')}`);
  return payload;
}

export async function whoAmI(client: LianzhengClient): Promise<string> {
  const { data } = await client.request(ViewerDocument);
  const v = data?.viewer;
  if (!v) return 'anonymous';
  return `${v.account.displayName} (${v.grants.map((g) => `${g.role}@${g.unitCode ?? g.teamCode ?? '-'}`).join(', ')})`;
}

/** A node of the unit tree; `children` is null until the node is opened. */
export interface TreeNode {
  unit: UnitNodeFragment;
  children: TreeNode[] | null;
}

/** The roots of the caller's reach and the level below them. */
export async function unitTree(client: LianzhengClient): Promise<TreeNode[]> {
  const { data } = await client.request(UnitsTreeDocument);
  return (data?.viewer?.scopes ?? []).flatMap((scope) =>
    scope.units.map((root) => ({ unit: root, children: root.children.nodes.map((child) => ({ unit: child, children: null })) })),
  );
}

/** Opens a node: every child, page by page. */
export async function openNode(client: LianzhengClient, node: TreeNode): Promise<TreeNode> {
  const children: TreeNode[] = [];
  let after: string | null = null;
  for (;;) {
    const res: Response<UnitChildrenQuery> = await client.request(UnitChildrenDocument, { id: node.unit.id, after });
    const page: NonNullable<UnitChildrenQuery['unit']>['children'] | undefined = res.data?.unit?.children;
    if (!page) break;
    children.push(...page.nodes.map((unit) => ({ unit, children: null })));
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  return { ...node, children };
}

/** An official and their sanctions; contact fields come back masked or denied depending on the role. */
export async function officialWithSanctions(client: LianzhengClient, id: string): Promise<NonNullable<OfficialWithSanctionsQuery['official']> | null> {
  const { data, errors } = await client.request(OfficialWithSanctionsDocument, { id, first: 20 });
  const official = data?.official ?? null;
  if (official && !official.viewerCan.readSanctions) {
    // the denied field is null with FORBIDDEN at its path; everything else was served
    const denied = errors.find((e) => codeOf(e) === 'FORBIDDEN' && e.path?.includes('sanctions'));
    if (!denied) throw new Error('expected a FORBIDDEN error for official.sanctions');
  }
  return official;
}

/** 责任书流程 (letter workflow): draft, add an item, sign, publish; every step sends back the version it read. */
export async function letterWorkflow(client: LianzhengClient, input: { unit: string; principal?: string; year: number; title: string; signedDate: string; publishedDate: string; deadline: string }) {
  const created = check((await client.request(LetterCreateDocument, { input: { unit: input.unit, principal: input.principal, year: input.year, title: input.title } })).data?.letterCreate, 'letterCreate');
  const letter = created.letter!;
  const added = check(
    (await client.request(LetterItemAddDocument, { input: { letter: letter.id, kind: 'MANDATORY', content: '落实全面从严治党主体责任', measures: '每季度专题研究党风廉政建设', deadline: input.deadline } })).data?.letterItemAdd,
    'letterItemAdd',
  );
  const version = added.item!.letter.version;
  const signed = check((await client.request(LetterSignDocument, { input: { id: letter.id, version, signedDate: input.signedDate } })).data?.letterSign, 'letterSign');
  const published = check(
    (await client.request(LetterPublishDocument, { input: { id: letter.id, version: signed.letter!.version, publishedDate: input.publishedDate } })).data?.letterPublish,
    'letterPublish',
  );
  return published.letter!;
}
