import { startTestApp, globalId, type TestApp, codes } from './support/app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  const unitId = async (code: string) => (await app.sql('select id from unit where code = $1', [code]))[0].id;
  // a township's organisation department and discipline commission: scopes that cut the county's records
  for (const [username, role] of [
    ['dl-org', 'ORGANIZATION_DEPT'],
    ['dl-discipline', 'DISCIPLINE_COMMISSION'],
  ]) {
    const [a] = await app.sql("insert into account (username, display_name, kind) values ($1, $1, 'PERSON') returning id", [username]);
    await app.sql('insert into role_grant (account_id, role, unit_id, granted_at) values ($1, $2, $3, now())', [a.id, role, await unitId('QS-DL')]);
  }
});
afterAll(async () => app?.stop());

/** The i-th official of a unit, in the demo seed's order (by key). */
async function official(code: string, i: number): Promise<{ id: number; gid: string; path: string }> {
  const rows = await app.sql('select o.id, o.unit_path from official o join unit u on u.id = o.unit_id where u.code = $1 order by o.id', [code]);
  return { id: rows[i].id, gid: globalId('Official', rows[i].id), path: rows[i].unit_path };
}

const REQUEST = `mutation($input: IntegrityOpinionRequestInput!) { integrityOpinionRequest(input: $input) {
  request { id purpose officialCount requestedBy }
  items { official code opinion { id status answer reasonClass influenceUntil official { id } } }
  userErrors { field code message } } }`;

const DC_READ = `query($f: IntegrityOpinionFilter) { integrityOpinions(filter: $f, first: 100) { totalCount nodes {
  id version status answer reasonClass influenceUntil computedAnswer amended official { id } viewerCan { confirm amend send } } } }`;

const CONFIRM = 'mutation($ids: [ID!]!) { integrityOpinionConfirm(input: { opinions: $ids }) { opinions { id status } userErrors { field code } } }';
const AMEND = `mutation($input: IntegrityOpinionAmendInput!) { integrityOpinionAmend(input: $input) { opinion { id status answer reasonClass amended amendNote } userErrors { field code } } }`;
const SEND = 'mutation($r: ID!) { integrityOpinionSend(input: { request: $r }) { opinions { id status } userErrors { field code } } }';

/** The six officials of the demo request, one per outcome. */
let cz4: Awaited<ReturnType<typeof official>>; // party warning 3 months ago: inside its influence period
let zr2: Awaited<ReturnType<typeof official>>; // expelled: permanent
let dl3: Awaited<ReturnType<typeof official>>; // case filed, not concluded
let xh1: Awaited<ReturnType<typeof official>>; // clue under preliminary verification
let wj2: Awaited<ReturnType<typeof official>>; // clue disposed of by a talk or inquiry letter
let jy3: Awaited<ReturnType<typeof official>>; // serious warning 30 months ago: influence period over
beforeAll(async () => {
  [cz4, zr2, dl3, xh1, wj2, jy3] = await Promise.all([official('QS-CZ', 4), official('QS-ZR', 2), official('QS-DL-03', 1), official('QS-XH-01', 0), official('QS-WJ', 2), official('QS-JY', 3)]);
});

describe('a request computes draft answers at once', () => {
  let requestId: string;
  let items: any[];

  test('the records give each answer; unknown ids are answered per item; the requester sees AWAITING_REPLY', async () => {
    // facts checked independently
    const [cz] = await app.sql("select influence_end::text as e from sanction where official_id = $1 and not revoked and influence_type = 'UNTIL_DATE' and influence_end >= current_date", [cz4.id]);
    expect(cz.e).toBeTruthy();
    const jyPast = await app.sql('select 1 from sanction where official_id = $1 and influence_end < current_date', [jy3.id]);
    expect(jyPast.length).toBe(1);
    const jyOpen = await app.sql("select 1 from problem_clue_subject s join problem_clue c on c.id = s.clue_id where s.official_id = $1 and c.status in ('CASE_FILED','PRELIMINARY_VERIFICATION','TALK_OR_INQUIRY_LETTER')", [jy3.id]);
    expect(jyOpen.length).toBe(0);

    const unknown = globalId('Official', 999999);
    const wrongType = await app.gid('Unit', "select id from unit where code = 'QS'");
    const before = (await app.sql('select count(*)::int as n from integrity_opinion'))[0].n;
    const r = await app.gql('qs-org', REQUEST, {
      input: { purpose: 'PROMOTION', officials: [cz4.gid, zr2.gid, unknown, dl3.gid, xh1.gid, 'not-an-id', wj2.gid, jy3.gid, wrongType, cz4.gid] },
    });
    expect(r.body.errors).toBeUndefined();
    const p = r.body.data.integrityOpinionRequest;
    expect(p.userErrors).toEqual([]);
    expect(p.request.purpose).toBe('PROMOTION');
    expect(p.request.officialCount).toBe(6);
    requestId = p.request.id;
    items = p.items;
    expect(items.map((i: any) => i.code)).toEqual([null, null, 'NOT_FOUND', null, null, 'NOT_FOUND', null, null, 'NOT_FOUND', null]);
    expect(items[2].opinion).toBeNull();
    // the requester reads no draft
    for (const i of items.filter((x: any) => x.opinion)) {
      expect(i.opinion.status).toBe('AWAITING_REPLY');
      expect(i.opinion.answer).toBeNull();
      expect(i.opinion.reasonClass).toBeNull();
      expect(i.opinion.influenceUntil).toBeNull();
    }
    expect(items[0].opinion.id).toBe(items[9].opinion.id);
    expect((await app.sql('select count(*)::int as n from integrity_opinion'))[0].n).toBe(before + 6);

    const dc = await app.gql('qs-discipline', DC_READ, { f: { request: requestId } });
    expect(dc.body.errors).toBeUndefined();
    expect(dc.body.data.integrityOpinions.totalCount).toBe(6);
    const by = new Map(dc.body.data.integrityOpinions.nodes.map((n: any) => [n.official.id, n]));
    const answer = (o: { gid: string }) => {
      const n: any = by.get(o.gid);
      return [n.status, n.answer, n.reasonClass, n.influenceUntil];
    };
    expect(answer(cz4)).toEqual(['DRAFT', 'OBJECTION', 'IN_INFLUENCE_PERIOD', cz.e]);
    expect(answer(zr2)).toEqual(['DRAFT', 'OBJECTION', 'IN_INFLUENCE_PERIOD', null]);
    expect(answer(dl3)).toEqual(['DRAFT', 'OBJECTION', 'CASE_FILED_NOT_CONCLUDED', null]);
    expect(answer(xh1)).toEqual(['DRAFT', 'PENDING', 'PRELIMINARY_VERIFICATION', null]);
    expect(answer(wj2)).toEqual(['DRAFT', 'PENDING', 'TALK_OR_INQUIRY_LETTER', null]);
    expect(answer(jy3)).toEqual(['DRAFT', 'NO_OBJECTION', null, null]);
    expect((by.get(cz4.gid) as any).viewerCan).toEqual({ confirm: true, amend: true, send: false });
  });

  test('the requester never reads drafts, the computed answer, case facts or clue content', async () => {
    const r = await app.gql('qs-org', `{ integrityOpinions(first: 100) { totalCount nodes { status answer computedAnswer official { id } } } }`);
    const own = (await app.sql("select count(*)::int as n from integrity_opinion o join integrity_opinion_request r on r.id = o.request_id join account a on a.id = r.requested_by_id where a.username = 'qs-org'"))[0].n;
    expect(r.body.data.integrityOpinions.totalCount).toBe(own);
    const nodes = r.body.data.integrityOpinions.nodes;
    expect(nodes.every((n: any) => n.computedAnswer === null)).toBe(true);
    expect(codes(r).every((c) => c === 'FORBIDDEN')).toBe(true);
    expect(r.body.errors!.length).toBe(nodes.length);
    expect(r.body.errors![0].path).toEqual(['integrityOpinions', 'nodes', 0, 'computedAnswer']);
    // drafts stay hidden; the demo request's two sent replies are readable
    const sent = (await app.sql("select count(*)::int as n from integrity_opinion where status = 'SENT'"))[0].n;
    expect(nodes.filter((n: any) => n.answer !== null).length).toBe(sent);
    expect(nodes.filter((n: any) => n.status === 'AWAITING_REPLY').length).toBe(own - sent);

    // case facts and clue content are not reachable by the requester by any path
    const facts = await app.gql('qs-org', `query($id: ID!) { sanctions(first: 5) { totalCount } clues(first: 5) { totalCount } clue(id: $id) { summary details } }`, {
      id: await app.gid('ProblemClue', 'select c.id from problem_clue c join problem_clue_subject s on s.clue_id = c.id where s.official_id = $1', [xh1.id]),
    });
    expect(facts.body.data.sanctions).toBeNull();
    expect(facts.body.data.clues).toBeNull();
    expect(facts.body.data.clue).toBeNull();
    expect(codes(facts).sort()).toEqual(['FORBIDDEN', 'FORBIDDEN', 'NOT_FOUND']);
    const st = await app.gql('qs-org', 'query($id: ID!) { official(id: $id) { name integrityStatus { inInfluencePeriod openClues } } }', { id: cz4.gid });
    expect(st.body.data.official.integrityStatus).toBeNull();
    expect(codes(st)).toEqual(['FORBIDDEN']);
    const secrets = await app.sql('select case_facts as t from sanction where official_id = any($1) union all select c.summary from problem_clue c join problem_clue_subject s on s.clue_id = c.id where s.official_id = any($1) union all select c.details from problem_clue c join problem_clue_subject s on s.clue_id = c.id where s.official_id = any($1) and c.details is not null', [[cz4.id, zr2.id, dl3.id, xh1.id, wj2.id]]);
    const text = JSON.stringify(r.body) + JSON.stringify(st.body);
    for (const s of secrets) expect(text).not.toContain(s.t);
  });

  test('confirming twice and amending after sending are refused with nothing changed', async () => {
    const dcRows = (await app.gql('qs-discipline', DC_READ, { f: { request: requestId } })).body.data.integrityOpinions.nodes;
    const of = (o: { gid: string }) => dcRows.find((n: any) => n.official.id === o.gid);
    const ok = await app.gql('qs-discipline', CONFIRM, { ids: [of(cz4).id, of(jy3).id] });
    expect(ok.body.data.integrityOpinionConfirm.userErrors).toEqual([]);
    expect(ok.body.data.integrityOpinionConfirm.opinions.map((o: any) => o.status)).toEqual(['CONFIRMED', 'CONFIRMED']);

    let before = await app.fingerprint();
    const twice = await app.gql('qs-discipline', CONFIRM, { ids: [of(cz4).id] });
    expect(twice.body.data.integrityOpinionConfirm.userErrors[0].code).toBe('CONFLICT');
    // in bulk: one already confirmed refuses the whole batch
    const bulk = await app.gql('qs-discipline', CONFIRM, { ids: [of(xh1).id, of(jy3).id] });
    expect(bulk.body.data.integrityOpinionConfirm.userErrors[0].code).toBe('CONFLICT');
    expect(await app.fingerprint()).toBe(before);

    // amend before sending: the amended answer counts as confirmed
    const am = await app.gql('qs-discipline', AMEND, {
      input: { id: of(wj2).id, version: of(wj2).version, answer: 'NO_OBJECTION', note: '（虚构）函询已如实说明，经研究无异议' },
    });
    expect(am.body.data.integrityOpinionAmend.userErrors).toEqual([]);
    expect(am.body.data.integrityOpinionAmend.opinion).toMatchObject({ status: 'CONFIRMED', answer: 'NO_OBJECTION', reasonClass: null, amended: true });
    // an answer that does not match its reason class is refused
    before = await app.fingerprint();
    const bad = await app.gql('qs-discipline', AMEND, { input: { id: of(dl3).id, version: of(dl3).version, answer: 'OBJECTION', reasonClass: 'TALK_OR_INQUIRY_LETTER', note: 'x' } });
    expect(bad.body.data.integrityOpinionAmend.userErrors[0]).toMatchObject({ code: 'BAD_USER_INPUT', field: ['input', 'reasonClass'] });
    const stale = await app.gql('qs-discipline', AMEND, { input: { id: of(dl3).id, version: of(dl3).version + 5, answer: 'NO_OBJECTION', note: 'x' } });
    expect(stale.body.data.integrityOpinionAmend.userErrors[0].code).toBe('CONFLICT');
    expect(await app.fingerprint()).toBe(before);

    // send: the three confirmed replies go, the drafts stay
    const sent = await app.gql('qs-discipline', SEND, { r: requestId });
    expect(sent.body.data.integrityOpinionSend.userErrors).toEqual([]);
    expect(sent.body.data.integrityOpinionSend.opinions.length).toBe(3);

    before = await app.fingerprint();
    const after = await app.gql('qs-discipline', AMEND, { input: { id: of(cz4).id, version: of(cz4).version + 1, answer: 'NO_OBJECTION', note: 'x' } });
    expect(after.body.data.integrityOpinionAmend.userErrors[0].code).toBe('CONFLICT');
    const again = await app.gql('qs-discipline', SEND, { r: requestId });
    expect(again.body.data.integrityOpinionSend.userErrors[0].code).toBe('CONFLICT');
    expect(await app.fingerprint()).toBe(before);

    // the requester now reads the sent answers (reason class and date), and still nothing of the drafts
    const org = await app.gql('qs-org', 'query($f: IntegrityOpinionFilter) { integrityOpinions(filter: $f, first: 10) { nodes { status answer reasonClass influenceUntil official { id } } } }', {
      f: { request: requestId },
    });
    const seen = new Map(org.body.data.integrityOpinions.nodes.map((n: any) => [n.official.id, n]));
    const [cz] = await app.sql("select influence_end::text as e from sanction where official_id = $1 and not revoked and influence_end >= current_date", [cz4.id]);
    expect(seen.get(cz4.gid)).toEqual({ status: 'SENT', answer: 'OBJECTION', reasonClass: 'IN_INFLUENCE_PERIOD', influenceUntil: cz.e, official: { id: cz4.gid } });
    expect(seen.get(jy3.gid)).toMatchObject({ status: 'SENT', answer: 'NO_OBJECTION', reasonClass: null });
    expect(seen.get(wj2.gid)).toMatchObject({ status: 'SENT', answer: 'NO_OBJECTION' });
    expect(seen.get(dl3.gid)).toMatchObject({ status: 'AWAITING_REPLY', answer: null, reasonClass: null });
  });

  test('the requests are kept and audited', async () => {
    const audited = await app.sql("select action, outcome from audit_log where action in ('integrityOpinionRequest', 'integrityOpinionConfirm', 'integrityOpinionSend', 'integrityOpinionAmend') order by id");
    const actions = audited.map((a: any) => `${a.action}:${a.outcome}`);
    expect(actions).toContain('integrityOpinionRequest:ALLOWED');
    expect(actions).toContain('integrityOpinionConfirm:DENIED');
    expect(actions).toContain('integrityOpinionSend:ALLOWED');
    expect(actions).toContain('integrityOpinionAmend:DENIED');
    const reqs = await app.gql('qs-org', '{ integrityOpinionRequests(first: 10) { totalCount nodes { id officialCount opinions(first: 1) { totalCount } } } }');
    expect(reqs.body.data.integrityOpinionRequests.totalCount).toBe(2);
    expect(reqs.body.data.integrityOpinionRequests.nodes.find((n: any) => n.id === requestId).opinions.totalCount).toBe(6);
    const q = 'query($id: ID!) { node(id: $id) { ... on IntegrityOpinionRequest { purpose officialCount } } }';
    expect((await app.gql('qs-org', q, { id: requestId })).body.data.node).toEqual({ purpose: 'PROMOTION', officialCount: 6 });
    expect((await app.gql('qs-discipline', q, { id: requestId })).body.data.node).toEqual({ purpose: 'PROMOTION', officialCount: 6 });
    const other = await app.gql('dl-org', q, { id: requestId });
    expect(other.body.data.node).toBeNull();
    expect(codes(other)).toEqual(['NOT_FOUND']);
  });
});

describe('bad input and refusals', () => {
  test('more than 500 ids is a BAD_USER_INPUT user error; nothing is written', async () => {
    const ids = Array.from({ length: 501 }, (_, i) => globalId('Official', i + 1));
    const before = await app.fingerprint();
    const r = await app.gql('qs-org', REQUEST, { input: { purpose: 'AWARD', officials: ids } });
    expect(r.body.data.integrityOpinionRequest.userErrors[0]).toMatchObject({ code: 'BAD_USER_INPUT', field: ['input', 'officials'] });
    expect(r.body.data.integrityOpinionRequest.request).toBeNull();
    const none = await app.gql('qs-org', REQUEST, { input: { purpose: 'AWARD', officials: [globalId('Official', 999999)] } });
    expect(none.body.data.integrityOpinionRequest.userErrors[0].code).toBe('NOT_FOUND');
    expect(await app.fingerprint()).toBe(before);
  });

  test('500 officials are answered with the same number of statements as 2', async () => {
    const log: string[] = [];
    app.orm.em.getKnex().on('query', (q: { sql: string }) => log.push(q.sql));
    const rows = await app.sql('select id from official order by id limit 500');
    const counted = async (ids: string[]) => {
      const before = log.length;
      const r = await app.gql('qs-org', 'mutation($input: IntegrityOpinionRequestInput!) { integrityOpinionRequest(input: $input) { request { officialCount } userErrors { code } } }', {
        input: { purpose: 'EVALUATION', officials: ids },
      });
      expect(r.body.data.integrityOpinionRequest.userErrors).toEqual([]);
      expect(r.body.data.integrityOpinionRequest.request.officialCount).toBe(ids.length);
      return log.slice(before).length;
    };
    const all = rows.map((r: any) => globalId('Official', r.id));
    expect(all.length).toBeGreaterThan(100);
    await counted(all.slice(0, 2)); // warm the viewer and the compiled query
    const small = await counted(all.slice(0, 2));
    const big = await counted(all);
    expect(big).toBe(small);
    expect(log.filter((q) => /any\(/.test(q)).length).toBeGreaterThanOrEqual(6);
  });

  test('an organisation department outside the officials\' unit gets NOT_FOUND per item, the rest served', async () => {
    const village = await official('QS-DL-01', 3);
    const r = await app.gql('dl-org', REQUEST, { input: { purpose: 'APPOINTMENT', officials: [cz4.gid, village.gid] } });
    expect(r.body.data.integrityOpinionRequest.items.map((i: any) => i.code)).toEqual(['NOT_FOUND', null]);
    // it reads its own request only: the county's requests are not its own
    const list = await app.gql('dl-org', '{ integrityOpinionRequests(first: 10) { totalCount } integrityOpinions(first: 10) { totalCount } }');
    expect(list.body.data.integrityOpinionRequests.totalCount).toBe(1);
    expect(list.body.data.integrityOpinions.totalCount).toBe(1);
  });

  test('a commission reads and writes only the replies in its reach', async () => {
    const inReach = (await app.sql("select count(*)::int as n from integrity_opinion where unit_path like (select path from unit where code = 'QS-DL') || '%'"))[0].n;
    const all = (await app.sql('select count(*)::int as n from integrity_opinion'))[0].n;
    expect(inReach).toBeGreaterThan(0);
    expect(inReach).toBeLessThan(all);
    const r = await app.gql('dl-discipline', '{ integrityOpinions(first: 100) { totalCount nodes { official { unit { code } } } } }');
    expect(r.body.data.integrityOpinions.totalCount).toBe(inReach);
    expect(r.body.data.integrityOpinions.nodes.every((n: any) => n.official.unit.code.startsWith('QS-DL'))).toBe(true);
    const reqs = (await app.sql("select count(distinct request_id)::int as n from integrity_opinion where unit_path like (select path from unit where code = 'QS-DL') || '%'"))[0].n;
    const rl = await app.gql('dl-discipline', '{ integrityOpinionRequests(first: 100) { totalCount } }');
    expect(rl.body.data.integrityOpinionRequests.totalCount).toBe(reqs);
    const drafts = (await app.sql("select count(*)::int as n from integrity_opinion where status = 'DRAFT' and unit_path like (select path from unit where code = 'QS-DL') || '%'"))[0].n;
    const dr = await app.gql('dl-discipline', '{ integrityOpinions(first: 1, filter: { statuses: [DRAFT] }) { totalCount } }');
    expect(dr.body.data.integrityOpinions.totalCount).toBe(drafts);
    // the requester filters by what it sees: AWAITING_REPLY is every reply not yet sent
    const waiting = (await app.sql("select count(*)::int as n from integrity_opinion o join integrity_opinion_request r on r.id = o.request_id join account a on a.id = r.requested_by_id where a.username = 'qs-org' and o.status <> 'SENT'"))[0].n;
    const ow = await app.gql('qs-org', '{ a: integrityOpinions(first: 1, filter: { statuses: [AWAITING_REPLY] }) { totalCount } d: integrityOpinions(first: 1, filter: { statuses: [DRAFT] }) { totalCount } }');
    expect(ow.body.data.a.totalCount).toBe(waiting);
    expect(ow.body.data.d.totalCount).toBe(0);
    const outside = await app.sql("select id from integrity_opinion where status = 'DRAFT' and unit_path not like (select path from unit where code = 'QS-DL') || '%' limit 1");
    const before = await app.fingerprint();
    const c = await app.gql('dl-discipline', CONFIRM, { ids: [globalId('IntegrityOpinion', outside[0].id)] });
    expect(c.body.data.integrityOpinionConfirm.userErrors[0].code).toBe('NOT_FOUND');
    const node = await app.gql('dl-discipline', 'query($id: ID!) { node(id: $id) { id } }', { id: globalId('IntegrityOpinion', outside[0].id) });
    expect(node.body.data.node).toBeNull();
    expect(await app.fingerprint()).toBe(before);
  });

  test('other roles read and write nothing', async () => {
    const before = await app.fingerprint();
    for (const who of ['qs-party', 'qs-team1', 'qs-finance', 'sysadmin', 'auditor']) {
      const r = await app.gql(who, '{ integrityOpinions(first: 5) { totalCount } integrityOpinionRequests(first: 5) { totalCount } }');
      expect(r.body.data?.integrityOpinions ?? null).toBeNull();
      expect(codes(r)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
      const m = await app.gql(who, REQUEST, { input: { purpose: 'AWARD', officials: [cz4.gid] } });
      expect(codes(m)).toEqual(['FORBIDDEN']);
    }
    const org = await app.gql('qs-org', CONFIRM, { ids: [globalId('IntegrityOpinion', 1)] });
    expect(codes(org)).toEqual(['FORBIDDEN']);
    expect(await app.fingerprint()).toBe(before);
  });
});

test('Official.integrityStatus counts the open clues the caller may see', async () => {
  const q = 'query($a: ID!, $b: ID!) { a: official(id: $a) { integrityStatus { inInfluencePeriod openClues pendingVerification } } b: official(id: $b) { integrityStatus { inInfluencePeriod openClues pendingVerification } } }';
  const open = async (id: number) =>
    (await app.sql("select count(*)::int as n from problem_clue_subject s join problem_clue c on c.id = s.clue_id where s.official_id = $1 and c.status in ('RECEIVED','TALK_OR_INQUIRY_LETTER','PRELIMINARY_VERIFICATION','CASE_FILED')", [id]))[0].n;
  const r = await app.gql('qs-discipline', q, { a: xh1.gid, b: jy3.gid });
  expect(r.body.errors).toBeUndefined();
  expect(r.body.data.a.integrityStatus).toEqual({ inInfluencePeriod: false, openClues: await open(xh1.id), pendingVerification: true });
  expect(await open(xh1.id)).toBeGreaterThan(0);
  expect(r.body.data.b.integrityStatus).toEqual({ inInfluencePeriod: false, openClues: 0, pendingVerification: false });
  // a team outside the official's units does not see the official at all
  const t = await app.gql('qs-team1', q, { a: xh1.gid, b: jy3.gid });
  expect(t.body.data.a).toBeNull();
  expect(t.body.data.b.integrityStatus.openClues).toBe(0);
});

test('an account linked to the official recuses itself from the reply (回避)', async () => {
  const unitQs = (await app.sql("select id from unit where code = 'QS'"))[0].id;
  const [a] = await app.sql("insert into account (username, display_name, kind, official_id) values ('recused-dc', '回避测试', 'PERSON', $1) returning id", [dl3.id]);
  await app.sql("insert into role_grant (account_id, role, unit_id, granted_at) values ($1, 'DISCIPLINE_COMMISSION', $2, now())", [a.id, unitQs]);
  const [o] = await app.sql("select id from integrity_opinion where official_id = $1 and status = 'DRAFT' order by id limit 1", [dl3.id]);
  const id = globalId('IntegrityOpinion', o.id);
  const r = await app.gql('recused-dc', 'query($id: ID!) { node(id: $id) { ... on IntegrityOpinion { status answer reasonClass viewerCan { confirm } } } }', { id });
  expect(r.body.data.node).toMatchObject({ status: 'DRAFT', answer: null, reasonClass: null, viewerCan: { confirm: false } });
  expect(codes(r)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
  const before = await app.fingerprint();
  const c = await app.gql('recused-dc', CONFIRM, { ids: [id] });
  expect(c.body.data.integrityOpinionConfirm.userErrors[0].code).toBe('NOT_FOUND');
  expect(await app.fingerprint()).toBe(before);
});
