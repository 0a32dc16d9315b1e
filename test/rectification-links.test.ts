import { startTestApp, type TestApp } from './support/app';

/** A rectification's campaign, source clue and source finding, each under its own module's rules. */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.stop());

const Q = 'query($id: ID!) { rectification(id: $id) { source campaign { name } sourceClue { summary } } }';
const gid = (t: string, id: number) => Buffer.from(`${t}:${id}`).toString('base64url');

test('the discipline commission sees the source clue; the party committee and the unit get null for it, not the clue', async () => {
  const row = (await app.sql("select r.id, r.campaign_id, c.summary, u.code from rectification r join problem_clue c on c.id = r.source_clue_id join unit u on u.id = r.unit_id order by r.id limit 1"))[0];
  expect(row).toBeDefined();
  const id = gid('Rectification', row.id);
  const dc = await app.gql('qs-discipline', Q, { id });
  expect(dc.body.errors).toBeUndefined();
  expect(dc.body.data.rectification.sourceClue).toEqual({ summary: row.summary });
  const pc = await app.gql('qs-party', Q, { id });
  expect(pc.body.errors).toBeUndefined();
  expect(pc.body.data.rectification.source).toBe('CLUE');
  expect(pc.body.data.rectification.sourceClue).toBeNull();
  expect(JSON.stringify(pc.body)).not.toContain(row.summary);
});

test('the campaign of a rectification is shown to those who see the campaign', async () => {
  const row = (await app.sql('select r.id, c.name from rectification r join campaign c on c.id = r.campaign_id order by r.id limit 1'))[0];
  const r = await app.gql('qs-discipline', Q, { id: gid('Rectification', row.id) });
  expect(r.body.data.rectification.campaign).toEqual({ name: row.name });
});
