import { readFileSync } from 'node:fs';
import { startTestApp, type TestApp, globalId } from './support/app';

/** The two department-facing examples, run as their real clients: the organisation department and a petition system. */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.stop());

const doc = (f: string) => readFileSync(`examples/operations/${f}`, 'utf8');

test('integrity-opinion-request.graphql as the organisation department: answers wait for the commission', async () => {
  const ids = (await app.sql("select o.id from official o join unit u on u.id = o.unit_id where u.code = 'QS-CZ' order by o.id limit 3")).map((r) => globalId('Official', r.id));
  const r = await app.gql('qs-org', doc('integrity-opinion-request.graphql'), { input: { purpose: 'PROMOTION', officials: [...ids, globalId('Official', 999999)] } });
  expect(r.body.errors).toBeUndefined();
  const p = r.body.data.integrityOpinionRequest;
  expect(p.userErrors).toEqual([]);
  expect(p.items).toHaveLength(4);
  expect(p.items[3]).toMatchObject({ code: 'NOT_FOUND', opinion: null });
  for (const item of p.items.slice(0, 3)) expect(item.opinion).toMatchObject({ status: 'AWAITING_REPLY', answer: null, reasonClass: null });
});

test('petition-submit.graphql with an API key: a retry returns the same petition and receipt code', async () => {
  const account = globalId('Account', (await app.sql("select id from account where username = 'qs-petition'"))[0].id);
  const key = await app.gql('secadmin', 'mutation($i: ApiKeyCreateInput!) { apiKeyCreate(input: $i) { plainKey userErrors { message } } }', { i: { account } });
  const plainKey = key.body.data.apiKeyCreate.plainKey as string;
  expect(plainKey).toEqual(expect.any(String));
  const input = { channel: 'ONLINE', receivedAt: '2026-11-20T09:30:00+08:00', externalId: 'EX-DOC-1', content: '（虚构）反映某村务公开不及时。', subject: { unitCode: 'QS-DL-01' } };
  const send = async () => {
    const res = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `ApiKey ${plainKey}` }, body: JSON.stringify({ query: doc('petition-submit.graphql'), variables: { input } }) });
    return (await res.json()) as any;
  };
  const first = await send();
  expect(first.errors).toBeUndefined();
  expect(first.data.petitionSubmit.userErrors).toEqual([]);
  expect(first.data.petitionSubmit.receiptCode).toMatch(/^\d{16}$/);
  const again = await send();
  expect(again.data.petitionSubmit.petition.id).toBe(first.data.petitionSubmit.petition.id);
  expect(again.data.petitionSubmit.receiptCode).toBe(first.data.petitionSubmit.receiptCode);
});
