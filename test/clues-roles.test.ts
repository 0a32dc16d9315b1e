import 'reflect-metadata';
import { getNamedType, isObjectType, type GraphQLSchema } from 'graphql';
import { startTestApp, globalId, codes, type TestApp, type GqlResult } from './support/app';
import { introspect } from './support/schema-walk';
import { Viewer } from '../src/authz/viewer';
import { Role } from '../src/authz/roles';
import { Loaders } from '../src/common/loaders';
import { AuditCollector } from '../src/audit/collector';
import type { RequestContext } from '../src/common/context';
import { ClueService } from '../src/modules/clues/clue.service';
import { CampaignService } from '../src/modules/clues/campaign.service';

/**
 * Who sees what of campaigns and clues, for every demo account: values, null with FORBIDDEN,
 * NOT_FOUND; lists and counts scoped in SQL (checked against independent SQL counts); recusal;
 * audited reads of clue details.
 */
const TODAY = '2026-06-15';
const NOW = new Date(`${TODAY}T04:00:00Z`);
let app: TestApp;
let schema: GraphQLSchema;
beforeAll(async () => {
  app = await startTestApp({ clock: { now: () => NOW } });
  schema = await introspect(app, 'qs-discipline');
});
afterAll(async () => app?.stop());

const ACCOUNTS = ['qs-party', 'qs-discipline', 'qs-team1', 'qs-team2', 'qs-finance', 'qs-org', 'qs-petition', 'sysadmin', 'secadmin', 'auditor', 'dongling-party'];
const CLUE_READERS = ['qs-discipline', 'qs-team1', 'qs-team2'];
const CAMPAIGN_READERS = ['qs-party', 'qs-discipline', 'qs-team1', 'qs-team2', 'dongling-party'];

const lastAudit = async () => Number((await app.sql('select coalesce(max(id), 0) as id from audit_log'))[0].id);
const auditSince = (id: number) => app.sql('select * from audit_log where id > $1 order by id', [id]);
const pathOf = async (code: string): Promise<string> => (await app.sql('select path from unit where code = $1', [code]))[0].path;
const clueIn = (code: string, status?: string) =>
  app.gid('ProblemClue', `select c.id from problem_clue c join unit u on u.id = c.unit_id where u.code = $1 ${status ? 'and c.status = $2' : ''} order by c.id limit 1`, status ? [code, status] : [code]);
const seedCampaign = () => app.gid('Campaign', 'select id from campaign order by id limit 1');
const seedBatch = (n: number) => app.gid('CampaignBatch', 'select id from campaign_batch where campaign_id = (select min(id) from campaign) and number = $1', [n]);
const unitGid = (code: string) => app.gid('Unit', 'select id from unit where code = $1', [code]);
const keyOf = (gid: string) => Number(Buffer.from(gid, 'base64url').toString('utf8').split(':')[1]);

/** Small types of this module are selected in full; other record types by __typename and id. */
const EXPANDED = new Set(['ClueActor', 'ClueEvent', 'ClueViewerCan', 'ClueCounts', 'ClueStatusCount', 'CampaignViewerCan']);
function selectAll(typeName: string): string {
  const type = schema.getType(typeName);
  if (!type || !isObjectType(type)) throw new Error(`no type ${typeName}`);
  return Object.values(type.getFields())
    .map((f) => {
      const t = getNamedType(f.type);
      if (!isObjectType(t)) return f.name;
      return EXPANDED.has(t.name) ? `${f.name} { ${selectAll(t.name)} }` : `${f.name} { __typename ${t.getFields().id ? 'id' : ''} }`;
    })
    .join(' ');
}

const errorsByPath = (r: GqlResult) => new Map((r.body.errors ?? []).map((e) => [String(e.path?.join('.')), e.extensions?.code]));

describe('every field of ProblemClue, for every demo account', () => {
  test('the selection covers every field of the new types', () => {
    const sel = selectAll('ProblemClue');
    for (const f of ['details', 'subjects', 'sanctions', 'history', 'handler', 'decidedBy', 'campaign', 'batch', 'overdue', 'reminderDue', 'recoveredMoney', 'viewerCan', 'nextStatuses']) expect(sel).toContain(f);
    expect(Object.keys((schema.getType('ProblemClue') as any).getFields()).length).toBeGreaterThanOrEqual(29);
  });

  test.each(ACCOUNTS)('%s · a clue of QS-CZ (team 1) and one of QS-ZR (team 2), by clue(id) and node(id)', async (who) => {
    const cz = await clueIn('QS-CZ', 'CLEARED');
    const zr = await clueIn('QS-ZR', 'CASE_CONCLUDED');
    const reach: Record<string, string[]> = { 'qs-discipline': [cz, zr], 'qs-team1': [cz], 'qs-team2': [zr] };
    for (const id of [cz, zr]) {
      const fields = selectAll('ProblemClue');
      const byId = await app.gql(who, `query($id: ID!) { clue(id: $id) { ${fields} } }`, { id });
      const byNode = await app.gql(who, `query($id: ID!) { node(id: $id) { __typename ... on ProblemClue { ${fields} } } }`, { id });
      if ((reach[who] ?? []).includes(id)) {
        expect(byId.body.errors).toBeUndefined();
        expect(byNode.body.errors).toBeUndefined();
        const c = byId.body.data.clue;
        const row = (await app.sql('select summary, details, status from problem_clue where id = $1', [keyOf(id)]))[0];
        expect(c).toMatchObject({ id, summary: row.summary, details: row.details, status: row.status });
        expect(c.subjects.length).toBe(1);
        expect(c.handler.displayName).toEqual(expect.any(String));
        expect(c.history.length).toBeGreaterThan(1);
        expect(byNode.body.data.node).toEqual({ __typename: 'ProblemClue', ...c });
        if (id === zr) expect(c.sanctions).toHaveLength(3);
      } else {
        // out of reach, or a role that sees no clue rows at all: the clue does not exist for it
        expect(byId.body.data?.clue ?? null).toBeNull();
        // the three administrators are refused by the rule; every other account is told the clue does not exist
        expect(codes(byId)).toEqual([['sysadmin', 'secadmin', 'auditor'].includes(who) ? 'FORBIDDEN' : 'NOT_FOUND']);
        expect(byId.body.errors![0].path).toEqual(['clue']);
        expect(byNode.body.data?.node ?? null).toBeNull();
        expect(codes(byNode)).toEqual(['NOT_FOUND']);
      }
    }
  });

  test('a party committee asking for a clue by id gets NOT_FOUND, and the clues query is FORBIDDEN', async () => {
    const id = await clueIn('QS-CZ');
    const one = await app.gql('qs-party', 'query($id: ID!) { clue(id: $id) { id summary } }', { id });
    expect(one.body.data.clue).toBeNull();
    expect(one.body.errors!.map((e) => [e.extensions?.code, e.path])).toEqual([['NOT_FOUND', ['clue']]]);
    const list = await app.gql('qs-party', '{ clues { totalCount } }');
    expect(list.body.data.clues).toBeNull();
    expect(list.body.errors!.map((e) => [e.extensions?.code, e.path])).toEqual([['FORBIDDEN', ['clues']]]);
  });

  test.each(['qs-party', 'dongling-party', 'qs-finance', 'qs-org', 'qs-petition', 'sysadmin', 'secadmin', 'auditor'])('%s may not list clues (FORBIDDEN)', async (who) => {
    const r = await app.gql(who, '{ clues(first: 5) { totalCount nodes { id } } }');
    expect(r.body.data?.clues ?? null).toBeNull();
    expect(codes(r)).toEqual(['FORBIDDEN']);
  });
});

describe('clue lists and counts are scoped in SQL', () => {
  const LIST = `query($filter: ClueFilter, $after: String) { clues(filter: $filter, first: 3, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id unit { code } } } }`;
  async function allIds(who: string, filter?: Record<string, unknown>): Promise<{ ids: string[]; total: number }> {
    const ids: string[] = [];
    let after: string | null = null;
    let total = -1;
    for (;;) {
      const r: GqlResult = await app.gql(who, LIST, { filter, after });
      expect(r.body.errors).toBeUndefined();
      total = r.body.data.clues.totalCount;
      ids.push(...r.body.data.clues.nodes.map((n: { id: string }) => n.id));
      if (!r.body.data.clues.pageInfo.hasNextPage) return { ids, total };
      after = r.body.data.clues.pageInfo.endCursor;
    }
  }
  const sqlIds = async (where: string, params: unknown[] = []) => (await app.sql(`select id from problem_clue where ${where} order by id`, params)).map((r) => globalId('ProblemClue', r.id));

  test('a dispatched team sees exactly the clues of its units (team 1: QS-CZ, QS-JY; team 2: QS-ZR, QS-WJ), page by page', async () => {
    for (const [who, units] of [['qs-team1', ['QS-CZ', 'QS-JY']], ['qs-team2', ['QS-ZR', 'QS-WJ']]] as const) {
      const [a, b] = [await pathOf(units[0]), await pathOf(units[1])];
      const expected = await sqlIds('unit_path like $1 or unit_path like $2', [`${a}%`, `${b}%`]);
      expect(expected.length).toBeGreaterThan(1);
      expect(expected.length).toBeLessThan((await sqlIds('true')).length);
      const got = await allIds(who);
      expect(got.total).toBe(expected.length);
      expect(got.ids).toEqual(expected);
    }
  });

  test('the commission sees them all; filters narrow in SQL and counts follow', async () => {
    expect((await allIds('qs-discipline')).ids).toEqual(await sqlIds('true'));
    const dl = await pathOf('QS-DL');
    expect((await allIds('qs-discipline', { unitSubtree: await unitGid('QS-DL') })).ids).toEqual(await sqlIds('unit_path like $1', [`${dl}%`]));
    expect((await allIds('qs-discipline', { statuses: ['CASE_CONCLUDED', 'CLEARED'] })).ids).toEqual(await sqlIds("status in ('CASE_CONCLUDED', 'CLEARED')"));
    expect((await allIds('qs-discipline', { sources: ['PETITION'] })).ids).toEqual(await sqlIds("source = 'PETITION'"));
    const campaign = await seedCampaign();
    expect((await allIds('qs-discipline', { campaign })).ids).toEqual(await sqlIds('campaign_id = $1', [keyOf(campaign)]));
    const batch = await seedBatch(1);
    expect((await allIds('qs-discipline', { batch })).ids).toEqual(await sqlIds('batch_id = $1', [keyOf(batch)]));
    expect((await allIds('qs-discipline', { receivedFrom: '2026-04-01', receivedTo: '2026-06-15' })).ids).toEqual(await sqlIds("received_on between '2026-04-01' and '2026-06-15'"));
    const overdue = await sqlIds("status in ('RECEIVED','TALK_OR_INQUIRY_LETTER','PRELIMINARY_VERIFICATION','CASE_FILED') and deadline < $1", [TODAY]);
    expect(overdue.length).toBeGreaterThanOrEqual(2);
    expect((await allIds('qs-discipline', { overdue: true })).ids).toEqual(overdue);
    const subject = (await app.sql('select official_id from problem_clue_subject order by clue_id limit 1'))[0].official_id;
    expect((await allIds('qs-discipline', { subject: globalId('Official', subject) })).ids).toEqual(await sqlIds('id in (select clue_id from problem_clue_subject where official_id = $1)', [subject]));
    const handler = (await app.sql("select id from account where username = 'qs-team1'"))[0].id;
    expect((await allIds('qs-discipline', { handler: globalId('Account', handler) })).ids).toEqual(await sqlIds('handler_id = $1', [handler]));
    // team 1 filtered on the whole county: still only its units
    const cz = await pathOf('QS-CZ');
    const jy = await pathOf('QS-JY');
    expect((await allIds('qs-team1', { statuses: ['CLEARED', 'CLOSED', 'RECEIVED'] })).ids).toEqual(await sqlIds("(unit_path like $1 or unit_path like $2) and status in ('CLEARED', 'CLOSED', 'RECEIVED')", [`${cz}%`, `${jy}%`]));
    const bad = await app.gql('qs-discipline', '{ clues(filter: { receivedFrom: "2026-06-01", receivedTo: "2026-05-01" }) { totalCount } }');
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
  });

  test('Official.sanctions → Sanction.clue: the clue where the caller may see it, else null without an error', async () => {
    const Q = `{ sanctions(first: 100, filter: { unitSubtree: "${await unitGid('QS-ZR')}" }) { nodes { reasonSummary clue { id status } } } }`;
    const linkedSql = (await app.sql("select s.reason_summary, s.clue_id from sanction s where s.unit_path like $1 order by s.id", [`${await pathOf('QS-ZR')}%`]));
    const party = await app.gql('qs-party', Q);
    expect(party.body.errors).toBeUndefined();
    for (const n of party.body.data.sanctions.nodes) expect(n.clue).toBeNull();
    const team2 = await app.gql('qs-team2', Q);
    expect(team2.body.errors).toBeUndefined();
    team2.body.data.sanctions.nodes.forEach((n: any, i: number) => {
      expect(n.clue?.id ?? null).toBe(linkedSql[i].clue_id == null ? null : globalId('ProblemClue', linkedSql[i].clue_id));
    });
    expect(team2.body.data.sanctions.nodes.filter((n: any) => n.clue).length).toBe(3);
  });
});

describe('campaigns, for every demo account', () => {
  let xh: string;
  let dl01: string;

  beforeAll(async () => {
    const mk = async (name: string, code: string) => {
      const r = await app.gql('qs-discipline', 'mutation($i: CampaignCreateInput!) { campaignCreate(input: $i) { campaign { id } userErrors { message } } }', {
        i: { name, kind: 'SPECIAL_ACTION', theme: '（测试）', periodStart: '2026-01-01', periodEnd: '2026-12-31', leadUnit: await unitGid(code) },
      });
      expect(r.body.data.campaignCreate.userErrors).toEqual([]);
      return r.body.data.campaignCreate.campaign.id as string;
    };
    xh = await mk('（测试）西河乡专项行动', 'QS-XH');
    dl01 = await mk('（测试）东岭村专项行动', 'QS-DL-01');
  });

  test.each(ACCOUNTS)('%s · every field of Campaign and CampaignBatch, by campaign(id) and node(id)', async (who) => {
    const county = await seedCampaign();
    const visible: Record<string, string[]> = {
      'qs-party': [county, xh, dl01],
      'qs-discipline': [county, xh, dl01],
      // a team reaches QS-CZ and QS-JY: the county campaign concerns them, the township and village ones do not
      'qs-team1': [county],
      'qs-team2': [county],
      // a county campaign reaches the township committee; its own village's campaign too
      'dongling-party': [county, dl01],
    };
    const fields = selectAll('Campaign');
    for (const id of [county, xh, dl01]) {
      const byId = await app.gql(who, `query($id: ID!) { campaign(id: $id) { ${fields} } }`, { id });
      const byNode = await app.gql(who, `query($id: ID!) { node(id: $id) { __typename ... on Campaign { ${fields} } } }`, { id });
      if (!CAMPAIGN_READERS.includes(who)) {
        expect(byId.body.data?.campaign ?? null).toBeNull();
        expect(codes(byId)).toEqual(['FORBIDDEN']);
        expect(byNode.body.data?.node ?? null).toBeNull();
        expect(codes(byNode)).toEqual(['NOT_FOUND']);
        continue;
      }
      if (!visible[who].includes(id)) {
        expect(byId.body.data?.campaign ?? null).toBeNull();
        expect(codes(byId)).toEqual(['NOT_FOUND']);
        expect(codes(byNode)).toEqual(['NOT_FOUND']);
        continue;
      }
      const c = byId.body.data.campaign;
      const row = (await app.sql('select name, theme, period_start::text as s, period_end::text as e from campaign where id = $1', [keyOf(id)]))[0];
      expect(c).toMatchObject({ id, name: row.name, theme: row.theme, periodStart: row.s, periodEnd: row.e });
      const errors = errorsByPath(byId);
      if (CLUE_READERS.includes(who)) {
        expect(errors.size).toBe(0);
        expect(c.clueCounts.total).toEqual(expect.any(Number));
      } else {
        // party committees see the campaign, not the numbers of its clues
        expect(c.clueCounts).toEqual({ total: null, overdue: null, byStatus: null });
        expect([...errors.entries()].sort()).toEqual([
          ['campaign.clueCounts.byStatus', 'FORBIDDEN'],
          ['campaign.clueCounts.overdue', 'FORBIDDEN'],
          ['campaign.clueCounts.total', 'FORBIDDEN'],
        ]);
      }
      // the county's lead unit lies above the reach of a township committee and of a team
      if (['dongling-party', 'qs-team1', 'qs-team2'].includes(who) && id === county) expect(c.leadUnit).toBeNull();
      else expect(c.leadUnit).toEqual({ __typename: 'Unit', id: expect.any(String) });
      expect(c.viewerCan).toEqual({ update: who === 'qs-discipline', addBatch: who === 'qs-discipline' });
      expect(byNode.body.data.node).toEqual({ __typename: 'Campaign', ...c });
    }
    // a batch is visible with its campaign
    const batch = await seedBatch(1);
    const b = await app.gql(who, `query($id: ID!) { node(id: $id) { ... on CampaignBatch { ${selectAll('CampaignBatch')} } } }`, { id: batch });
    if (CAMPAIGN_READERS.includes(who)) {
      expect(b.body.data.node).toMatchObject({ id: batch, number: 1, name: '第一批挂牌督办', campaign: { id: county } });
      const bErrors = errorsByPath(b);
      if (CLUE_READERS.includes(who)) {
        expect(bErrors.size).toBe(0);
        expect(b.body.data.node.clueCounts.total).toEqual(expect.any(Number));
      } else {
        expect(b.body.data.node.clueCounts).toEqual({ total: null, overdue: null, byStatus: null });
        expect([...bErrors.keys()].sort()).toEqual(['node.clueCounts.byStatus', 'node.clueCounts.overdue', 'node.clueCounts.total']);
        expect(new Set(bErrors.values())).toEqual(new Set(['FORBIDDEN']));
      }
    } else {
      expect(b.body.data.node).toBeNull();
      expect(codes(b)).toEqual(['NOT_FOUND']);
    }
  });

  test.each(ACCOUNTS)('%s · the campaigns list holds exactly the visible campaigns', async (who) => {
    const r = await app.gql(who, '{ campaigns(first: 100) { totalCount nodes { id } } }');
    if (!CAMPAIGN_READERS.includes(who)) {
      expect(codes(r)).toEqual(['FORBIDDEN']);
      return;
    }
    const county = await seedCampaign();
    const expected: Record<string, string[]> = {
      'qs-party': [county, xh, dl01],
      'qs-discipline': [county, xh, dl01],
      'qs-team1': [county],
      'qs-team2': [county],
      'dongling-party': [county, dl01],
    };
    expect(r.body.data.campaigns.nodes.map((n: any) => n.id)).toEqual(expected[who]);
    expect(r.body.data.campaigns.totalCount).toBe(expected[who].length);
  });

  test('clue counts of a campaign and of its batches equal independent SQL counts, for the commission and for each team', async () => {
    const county = await seedCampaign();
    const Q = `query($id: ID!) { campaign(id: $id) { clueCounts { total overdue byStatus { status count } } batches { number clueCounts { total overdue byStatus { status count } } } } }`;
    const cz = await pathOf('QS-CZ');
    const jy = await pathOf('QS-JY');
    const zr = await pathOf('QS-ZR');
    const wj = await pathOf('QS-WJ');
    const scopes: [string, string, unknown[]][] = [
      ['qs-discipline', 'true', []],
      ['qs-team1', '(c.unit_path like $1 or c.unit_path like $2)', [`${cz}%`, `${jy}%`]],
      ['qs-team2', '(c.unit_path like $1 or c.unit_path like $2)', [`${zr}%`, `${wj}%`]],
    ];
    for (const [who, scope, params] of scopes) {
      const r = await app.gql(who, Q, { id: county });
      expect(r.body.errors).toBeUndefined();
      const count = async (extra: string) =>
        (await app.sql(`select count(*)::int as n from problem_clue c where c.campaign_id = ${keyOf(county)} and ${scope} and ${extra}`, params))[0].n;
      const counts = r.body.data.campaign.clueCounts;
      expect(counts.total).toBe(await count('true'));
      expect(counts.overdue).toBe(await count(`c.status in ('RECEIVED','TALK_OR_INQUIRY_LETTER','PRELIMINARY_VERIFICATION','CASE_FILED') and c.deadline < '${TODAY}'`));
      for (const s of counts.byStatus) expect({ who, status: s.status, n: s.count }).toEqual({ who, status: s.status, n: await count(`c.status = '${s.status}'`) });
      expect(counts.byStatus).toHaveLength(9);
      for (const b of r.body.data.campaign.batches) {
        const bid = (await app.sql('select id from campaign_batch where campaign_id = $1 and number = $2', [keyOf(county), b.number]))[0].id;
        expect(b.clueCounts.total).toBe(await count(`c.batch_id = ${bid}`));
      }
    }
    // the commission's numbers are cut for the teams: their totals add up to less
    const dc = (await app.gql('qs-discipline', Q, { id: county })).body.data.campaign.clueCounts.total;
    const t1 = (await app.gql('qs-team1', Q, { id: county })).body.data.campaign.clueCounts.total;
    expect(t1).toBeGreaterThan(0);
    expect(t1).toBeLessThan(dc);
  });
});

describe('campaign mutations', () => {
  const CREATE = 'mutation($i: CampaignCreateInput!) { campaignCreate(input: $i) { campaign { id version name kind periodStart periodEnd leadUnit { code } batches { number } } userErrors { field message code } } }';
  const UPDATE = 'mutation($i: CampaignUpdateInput!) { campaignUpdate(input: $i) { campaign { id version name periodStart periodEnd } userErrors { field message code } } }';
  const ADD = 'mutation($i: CampaignBatchAddInput!) { campaignBatchAdd(input: $i) { batch { id number name listedOn } campaign { id batches { number } } userErrors { field message code } } }';
  const input = async (over: Record<string, unknown> = {}) => ({ name: '（测试）“为官不为”专项整治', kind: 'SPECIAL_RECTIFICATION', theme: '整治不作为、慢作为', periodStart: '2026-03-01', periodEnd: '2026-09-30', leadUnit: await unitGid('QS-CZ'), ...over });
  async function refusedWith(as: string, q: string, i: Record<string, unknown>, root: string, code: string, field?: string) {
    const before = await app.fingerprint();
    const r = await app.gql(as, q, { i });
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data[root].userErrors).toHaveLength(1);
    expect(r.body.data[root].userErrors[0].code).toBe(code);
    if (field) expect(r.body.data[root].userErrors[0].field).toEqual(['input', field]);
    expect(await app.fingerprint()).toBe(before);
  }

  test('the commission creates, edits and adds batches; bad periods, dates and numbers are refused with nothing written', async () => {
    await refusedWith('qs-discipline', CREATE, await input({ periodEnd: '2026-02-28' }), 'campaignCreate', 'BAD_USER_INPUT', 'periodEnd');
    await refusedWith('qs-discipline', CREATE, await input({ name: ' ' }), 'campaignCreate', 'BAD_USER_INPUT', 'name');
    const created = await app.gql('qs-discipline', CREATE, { i: await input() });
    const c = created.body.data.campaignCreate.campaign;
    expect(c).toMatchObject({ version: 1, kind: 'SPECIAL_RECTIFICATION', periodStart: '2026-03-01', periodEnd: '2026-09-30', leadUnit: { code: 'QS-CZ' }, batches: [] });
    await refusedWith('qs-discipline', ADD, { campaign: c.id, name: '第一批', listedOn: '2026-02-28' }, 'campaignBatchAdd', 'BAD_USER_INPUT', 'listedOn');
    const b1 = await app.gql('qs-discipline', ADD, { i: { campaign: c.id, name: '第一批', listedOn: '2026-04-01' } });
    expect(b1.body.data.campaignBatchAdd.batch).toMatchObject({ number: 1, name: '第一批', listedOn: '2026-04-01' });
    await refusedWith('qs-discipline', ADD, { campaign: c.id, number: 1, name: '重复', listedOn: '2026-04-02' }, 'campaignBatchAdd', 'CONFLICT', 'number');
    const b2 = await app.gql('qs-discipline', ADD, { i: { campaign: c.id, name: '第二批', listedOn: '2026-06-01' } });
    expect(b2.body.data.campaignBatchAdd.campaign.batches).toEqual([{ number: 1 }, { number: 2 }]);
    await refusedWith('qs-discipline', UPDATE, { id: c.id, version: 2, name: '改名' }, 'campaignUpdate', 'CONFLICT', 'version');
    await refusedWith('qs-discipline', UPDATE, { id: c.id, version: 1, periodEnd: '2026-05-31' }, 'campaignUpdate', 'CONFLICT', 'periodEnd');
    await refusedWith('qs-discipline', UPDATE, { id: c.id, version: 1, periodStart: '2026-10-01' }, 'campaignUpdate', 'BAD_USER_INPUT', 'periodEnd');
    const u = await app.gql('qs-discipline', UPDATE, { i: { id: c.id, version: 1, name: '（测试）改名', periodEnd: '2026-12-31' } });
    expect(u.body.data.campaignUpdate.campaign).toMatchObject({ version: 2, name: '（测试）改名', periodEnd: '2026-12-31' });
  });

  test('a lead unit outside the commission\'s reach, a campaign a team or a township may see but not edit', async () => {
    const county = await seedCampaign();
    const v = (await app.sql('select version from campaign where id = $1', [keyOf(county)]))[0].version;
    await refusedWith('qs-discipline', CREATE, await input({ leadUnit: globalId('Unit', 99999) }), 'campaignCreate', 'NOT_FOUND', 'leadUnit');
    for (const who of ['qs-team1', 'qs-party', 'dongling-party', 'qs-finance', 'sysadmin', 'qs-petition']) {
      for (const [q, i] of [[CREATE, await input()], [UPDATE, { id: county, version: v, name: '改' }], [ADD, { campaign: county, name: '批', listedOn: TODAY }]] as const) {
        const before = await app.fingerprint();
        const r = await app.gql(who, q, { i });
        expect(codes(r)).toEqual(['FORBIDDEN']);
        expect(await app.fingerprint()).toBe(before);
      }
    }
  });
});

describe('recusal (回避): an account linked to a subject never sees the clue at all', () => {
  const gidOf = globalId;
  async function linkedCommissioner(username: string, officialId: number) {
    const acc = await app.gql('secadmin', 'mutation($i: AccountCreateInput!) { accountCreate(input: $i) { account { id } userErrors { message } } }', {
      i: { username, displayName: '纪委干部（虚构）', kind: 'PERSON', official: gidOf('Official', officialId) },
    });
    expect(acc.body.data.accountCreate.userErrors).toEqual([]);
    const g = await app.gql('secadmin', 'mutation($i: RoleGrantCreateInput!) { roleGrantCreate(input: $i) { userErrors { message } } }', {
      i: { account: acc.body.data.accountCreate.account.id, role: 'DISCIPLINE_COMMISSION', unitCode: 'QS' },
    });
    expect(g.body.data.roleGrantCreate.userErrors).toEqual([]);
  }

  test('neither in lists, nor in counts, nor by id (NOT_FOUND, audited as DENIED), nor through Sanction.clue, nor for edits', async () => {
    // the subject of the concluded QS-ZR case, now holding a discipline role at the county
    const clue = (await app.sql("select c.id, s.official_id from problem_clue c join unit u on u.id = c.unit_id join problem_clue_subject s on s.clue_id = c.id where u.code = 'QS-ZR' and c.status = 'CASE_CONCLUDED'"))[0];
    await linkedCommissioner('recused-clue', clue.official_id);
    const about = (await app.sql('select clue_id from problem_clue_subject where official_id = $1', [clue.official_id])).map((r) => r.clue_id);
    const total = (await app.sql('select count(*)::int as n from problem_clue'))[0].n;

    const list = await app.gql('recused-clue', '{ clues(first: 100) { totalCount nodes { id } } }');
    expect(list.body.errors).toBeUndefined();
    expect(list.body.data.clues.totalCount).toBe(total - about.length);
    expect(list.body.data.clues.nodes).toHaveLength(total - about.length);
    expect(list.body.data.clues.nodes.map((n: any) => n.id)).not.toContain(gidOf('ProblemClue', clue.id));
    // the same account reads other clues in full, details included
    const other = await clueIn('QS-CZ');
    const ok = await app.gql('recused-clue', 'query($id: ID!) { clue(id: $id) { details } }', { id: other });
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data.clue.details).toEqual(expect.any(String));

    const before = await lastAudit();
    const one = await app.gql('recused-clue', 'query($id: ID!) { clue(id: $id) { id summary details } }', { id: gidOf('ProblemClue', clue.id) });
    expect(one.body.data.clue).toBeNull();
    expect(codes(one)).toEqual(['NOT_FOUND']);
    const rows = await auditSince(before);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ account_username: 'recused-clue', outcome: 'DENIED', record_type: 'ProblemClue', record_id: clue.id, fields: [{ type: 'ProblemClue', id: clue.id, field: '*', outcome: 'DENIED' }] });
    const node = await app.gql('recused-clue', 'query($id: ID!) { node(id: $id) { id } }', { id: gidOf('ProblemClue', clue.id) });
    expect(codes(node)).toEqual(['NOT_FOUND']);

    // the sanctions of the case are the account's own: Sanction.clue is null (the case facts are withheld by the sanctions' rules)
    const s = await app.gql('recused-clue', `{ sanctions(first: 100, filter: { unitSubtree: "${await unitGid('QS-ZR')}" }) { nodes { clue { id } } } }`);
    for (const n of s.body.data.sanctions.nodes) expect(n.clue).toBeNull();

    // campaign counts leave it out too
    const county = await seedCampaign();
    const counts = await app.gql('recused-clue', 'query($id: ID!) { campaign(id: $id) { clueCounts { total } } }', { id: county });
    const inCampaign = (await app.sql('select count(*)::int as n from problem_clue where campaign_id = $1 and id <> all($2::int[])', [keyOf(county), about]))[0].n;
    expect(counts.body.data.campaign.clueCounts.total).toBe(inCampaign);

    // an edit is refused as if the clue did not exist, nothing written
    const v = (await app.sql('select version from problem_clue where id = $1', [clue.id]))[0].version;
    const fp = await app.fingerprint();
    const upd = await app.gql('recused-clue', 'mutation($i: ClueRecordRecoveredMoneyInput!) { clueRecordRecoveredMoney(input: $i) { clue { id } userErrors { field code } } }', { i: { id: gidOf('ProblemClue', clue.id), version: v, amount: 1 } });
    expect(upd.body.data.clueRecordRecoveredMoney.userErrors).toEqual([{ field: ['input', 'id'], code: 'NOT_FOUND' }]);
    expect(await app.fingerprint()).toBe(fp);
  });

  test('a declared close relative is recused as well, from the next request; recording a clue about oneself is refused', async () => {
    const clue = (await app.sql("select c.id, s.official_id from problem_clue c join unit u on u.id = c.unit_id join problem_clue_subject s on s.clue_id = c.id where u.code = 'QS-WJ' order by c.id limit 1"))[0];
    const relative = (await app.sql("select o.id from official o join unit u on u.id = o.unit_id where u.code = 'QS-JW' order by o.id desc limit 1"))[0];
    await linkedCommissioner('recused-relative', relative.id);
    const Q = 'query($id: ID!) { clue(id: $id) { id } }';
    expect((await app.gql('recused-relative', Q, { id: gidOf('ProblemClue', clue.id) })).body.data.clue).toEqual({ id: gidOf('ProblemClue', clue.id) });
    const add = await app.gql('sysadmin', 'mutation($i: OfficialRelationAddInput!) { officialRelationAdd(input: $i) { userErrors { message } } }', {
      i: { official: gidOf('Official', clue.official_id), relative: gidOf('Official', relative.id), kind: 'SPOUSE' },
    });
    expect(add.body.data.officialRelationAdd.userErrors).toEqual([]);
    const after = await app.gql('recused-relative', Q, { id: gidOf('ProblemClue', clue.id) });
    expect(after.body.data.clue).toBeNull();
    expect(codes(after)).toEqual(['NOT_FOUND']);

    const fp = await app.fingerprint();
    const rec = await app.gql('recused-relative', 'mutation($i: ClueRecordInput!) { clueRecord(input: $i) { clue { id } userErrors { field code } } }', {
      i: { source: 'SELF_REPORT', subjects: [gidOf('Official', relative.id)], summary: '（测试）', receivedOn: TODAY, handler: await app.gid('Account', "select id from account where username = 'qs-discipline'"), deadline: '2026-07-15' },
    });
    expect(rec.body.data.clueRecord.userErrors).toEqual([{ field: ['input', 'subjects'], code: 'FORBIDDEN' }]);
    expect(await app.fingerprint()).toBe(fp);
  });
});

describe('reads of clue details are audited', () => {
  test('one record per request, naming each clue whose details were read; none when details are not asked for', async () => {
    const id = await clueIn('QS-CZ');
    let before = await lastAudit();
    await app.gql('qs-team1', 'query Clue($id: ID!) { clue(id: $id) { summary details } }', { id });
    let rows = await auditSince(before);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'READ', account_username: 'qs-team1', operation_name: 'Clue', record_type: 'ProblemClue', record_id: keyOf(id), outcome: 'ALLOWED', fields: [{ type: 'ProblemClue', id: keyOf(id), field: 'details', outcome: 'ALLOWED' }] });
    before = await lastAudit();
    await app.gql('qs-team1', 'query($id: ID!) { clue(id: $id) { summary } }', { id });
    expect(await auditSince(before)).toHaveLength(0);
    before = await lastAudit();
    const list = await app.gql('qs-discipline', '{ clues(first: 100) { nodes { details } } }');
    rows = await auditSince(before);
    expect(rows).toHaveLength(1);
    expect(rows[0].fields).toHaveLength(list.body.data.clues.nodes.length);
    // the details themselves never reach the log
    const details = (await app.sql('select details from problem_clue where details is not null')).map((r) => r.details);
    const log = (await app.sql("select (to_jsonb(a) - 'hash' - 'prev_hash')::text as t from audit_log a")).map((r) => r.t).join('\n');
    for (const d of details) expect(log.includes(d)).toBe(false);
  });
});

describe('INSPECTION_GROUP: only the clues its tour handed over (scope checked on the service, as no grant of the role exists yet)', () => {
  function ctxFor(viewer: Viewer): RequestContext {
    const em = app.orm.em.fork() as never;
    return { viewer, em, loaders: new Loaders(em), audit: new AuditCollector(), requestId: 't', clientIp: '127.0.0.1', operationName: null, today: TODAY, now: NOW } as unknown as RequestContext;
  }

  test('over HTTP: an account holding INSPECTION_GROUP reads exactly its tour\'s clues, and may not write', async () => {
    const grant = (await app.sql("select a.username, g.tour_id from role_grant g join account a on a.id = g.account_id where g.role = 'INSPECTION_GROUP' and g.revoked_at is null and g.tour_id is not null order by g.id limit 1"))[0];
    if (!grant) return; // no inspection group in the demo county yet
    const expected = (await app.sql('select id from problem_clue where inspection_tour_id = $1 order by id', [grant.tour_id])).map((r) => globalId('ProblemClue', r.id));
    const r = await app.gql(grant.username, '{ clues(first: 100) { totalCount nodes { id details } } }');
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.clues.nodes.map((n: any) => n.id)).toEqual(expected);
    expect(r.body.data.clues.totalCount).toBe(expected.length);
    const notHanded = await clueIn('QS-CZ', 'CLEARED');
    const one = await app.gql(grant.username, 'query($id: ID!) { clue(id: $id) { id } }', { id: notHanded });
    expect(codes(one)).toEqual(['NOT_FOUND']);
    const before = await app.fingerprint();
    const w = await app.gql(grant.username, 'mutation($i: ClueRecordRecoveredMoneyInput!) { clueRecordRecoveredMoney(input: $i) { userErrors { code } } }', { i: { id: expected[0] ?? notHanded, version: 1, amount: 1 } });
    expect(codes(w)).toEqual(['FORBIDDEN']);
    expect(await app.fingerprint()).toBe(before);
  });

  test('a grant bound to a tour sees the clues with that inspection_tour_id, nothing else; campaigns by its units', async () => {
    let tour: number | undefined = (await app.sql('select id from inspection_tour order by id limit 1'))[0]?.id;
    if (tour === undefined) {
      tour = (await app.sql("insert into inspection_tour (round, name, organizer_unit_id, unit_path, start_date, end_date) select '（测试）', '（测试）', id, path, '2026-01-01', '2026-12-31' from unit where code = 'QS' returning id"))[0].id as number;
    }
    const handed = await clueIn('QS-CZ', 'TALK_CONCLUDED');
    await app.sql('update problem_clue set inspection_tour_id = $1 where id = $2', [tour, keyOf(handed)]);
    const expected = (await app.sql('select id from problem_clue where inspection_tour_id = $1 order by id', [tour])).map((r) => r.id as number);
    expect(expected).toContain(keyOf(handed));
    const cz = await pathOf('QS-CZ');
    const viewer = new Viewer({ id: 999, username: 'tour', officialId: null }, [{ grantId: 1, role: Role.INSPECTION_GROUP, unitId: null, teamId: null, tourId: tour, kind: 'UNIT', paths: [cz] }]);
    const page = await ClueService.list(ctxFor(viewer), null, { first: 100 });
    expect(page.nodes.map((n) => n.id)).toEqual(expected);
    expect(await page.countFn()).toBe(expected.length);
    expect((await ClueService.findVisible(ctxFor(viewer), keyOf(handed)))?.id).toBe(keyOf(handed));
    // a clue of the same unit that the tour did not hand over
    const other = await clueIn('QS-CZ', 'CLEARED');
    expect(await ClueService.findVisible(ctxFor(viewer), keyOf(other))).toBeNull();
    // another tour's group sees none of them
    const stranger = new Viewer({ id: 998, username: 'tour2', officialId: null }, [{ grantId: 2, role: Role.INSPECTION_GROUP, unitId: null, teamId: null, tourId: tour + 100000, kind: 'UNIT', paths: [cz] }]);
    expect(await (await ClueService.list(ctxFor(stranger), null, { first: 100 })).countFn()).toBe(0);
    expect(await ClueService.findVisible(ctxFor(stranger), keyOf(handed))).toBeNull();
    // the county campaign concerns the inspected unit; a township's does not
    expect(CampaignService.visibleAt(viewer, await pathOf('QS'))).toBe(true);
    expect(CampaignService.visibleAt(viewer, await pathOf('QS-XH'))).toBe(false);
    await app.sql('update problem_clue set inspection_tour_id = null where id = $1', [keyOf(handed)]);
  });
});
