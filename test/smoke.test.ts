import { startTestApp, type TestApp, codes } from './support/app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.stop());

test('the demo county is served, scoped per role', async () => {
  const q = '{ viewer { account { username } scopes { role kind units { code } } } units(first: 100) { totalCount nodes { code warningLevel } } }';
  const party = await app.gql('qs-party', q);
  expect(party.body.errors).toBeUndefined();
  expect(party.body.data.viewer.account.username).toBe('qs-party');
  const dl = await app.gql('dongling-party', q);
  expect(dl.body.data.units.nodes.map((u: any) => u.code).sort()).toEqual(['QS-DL', 'QS-DL-01', 'QS-DL-02', 'QS-DL-03', 'QS-DL-04']);
  expect(dl.body.data.units.totalCount).toBe(5);
  const anon = await app.gql(null, '{ units { totalCount } }');
  expect(codes(anon)).toEqual(['UNAUTHENTICATED']);
  const sec = await app.gql('secadmin', '{ units { totalCount } }');
  expect(codes(sec)).toEqual(['FORBIDDEN']);
  const off = await app.gql('qs-party', '{ officials(first: 2) { totalCount nodes { name identityNumber phone unit { code } viewerCan { readContact contactMasked } } } }');
  expect(off.body.errors).toBeUndefined();
  expect(off.body.data.officials.nodes[0].identityNumber).toMatch(/^9901\*+\w{4}$/);
  const fin = await app.gql('qs-finance', '{ officials(first: 2) { totalCount nodes { name identityNumber unit { code } } } }');
  expect(fin.body.data.officials.nodes[0].identityNumber).toBeNull();
  expect(codes(fin)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
  expect(fin.body.errors![0].path).toEqual(['officials', 'nodes', 0, 'identityNumber']);
});
