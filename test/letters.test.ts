import { startTestApp, type TestApp, type GqlResult, codes, globalId } from './support/app';

/**
 * Responsibility letters, items and assessments, against the demo county with a fixed clock:
 * today is 2026-09-27, so this year's items due 03-30 and 06-30 are past their deadline, the
 * item due 09-30 is within the 5-day reminder window, and the one due 12-15 is still open.
 */
const TODAY = '2026-09-27';
const YEAR = 2026;

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ clock: { now: () => new Date(`${TODAY}T04:00:00Z`) } });
});
afterAll(async () => app?.stop());

const ALL_ACCOUNTS = ['qs-party', 'qs-discipline', 'qs-team1', 'qs-team2', 'qs-finance', 'qs-org', 'qs-petition', 'sysadmin', 'secadmin', 'auditor', 'dongling-party'];
const NO_LETTER_ROWS = ['qs-org', 'qs-petition', 'sysadmin', 'secadmin', 'auditor'];
const NO_ASSESSMENT_ROWS = ['qs-petition', 'sysadmin', 'secadmin', 'auditor'];

const UE = 'userErrors { field message code }';
const ITEM = 'id version kind content measures deadline progress progressPercent progressReportedOn overdue reminderDue';
const ASSESSMENT = 'id version year period score grade vetoed vetoReason vetoProposed vetoProposalReason assessedDate unit { code }';
const LETTER = `id version year title status signedDate publishedDate issuerUnit { code } unit { code } principal { id name }
  items { ${ITEM} } assessments { ${ASSESSMENT} } viewerCan { editItems sign publish reportProgress assess proposeVeto }`;

const M = {
  create: `mutation($input: LetterCreateInput!) { letterCreate(input: $input) { letter { ${LETTER} } ${UE} } }`,
  update: `mutation($input: LetterUpdateInput!) { letterUpdate(input: $input) { letter { ${LETTER} } ${UE} } }`,
  itemAdd: `mutation($input: LetterItemAddInput!) { letterItemAdd(input: $input) { item { ${ITEM} letter { id } } ${UE} } }`,
  itemUpdate: `mutation($input: LetterItemUpdateInput!) { letterItemUpdate(input: $input) { item { ${ITEM} } ${UE} } }`,
  sign: `mutation($input: LetterSignInput!) { letterSign(input: $input) { letter { ${LETTER} } ${UE} } }`,
  publish: `mutation($input: LetterPublishInput!) { letterPublish(input: $input) { letter { ${LETTER} } ${UE} } }`,
  progress: `mutation($input: LetterItemReportProgressInput!) { letterItemReportProgress(input: $input) { item { ${ITEM} } ${UE} } }`,
  assess: `mutation($input: LetterAssessInput!) { letterAssess(input: $input) { assessment { ${ASSESSMENT} letter { id status version } } ${UE} } }`,
  proposeVeto: `mutation($input: AssessmentProposeVetoInput!) { assessmentProposeVeto(input: $input) { assessment { ${ASSESSMENT} letter { id status } } ${UE} } }`,
};

const unitPathOf = async (code: string) => (await app.sql('select path from unit where code = $1', [code]))[0].path as string;
const unitGid = (code: string) => app.gid('Unit', 'select id from unit where code = $1', [code]);
const letterGid = (code: string, year = YEAR) =>
  app.gid('ResponsibilityLetter', 'select l.id from responsibility_letter l join unit u on u.id = l.unit_id where u.code = $1 and l.year = $2', [code, year]);
const itemGid = (code: string, deadline: string) =>
  app.gid('ResponsibilityItem', 'select i.id from responsibility_item i join responsibility_letter l on l.id = i.letter_id join unit u on u.id = l.unit_id where u.code = $1 and i.deadline = $2', [code, deadline]);
const assessmentGid = (code: string, year: number, period: string) =>
  app.gid('Assessment', 'select a.id from assessment a join unit u on u.id = a.unit_id where u.code = $1 and a.year = $2 and a.period = $3', [code, year, period]);
const principalGid = (code: string) =>
  app.gid('Official', 'select o.id from official o join unit u on u.id = o.unit_id where u.code = $1 and o.is_principal order by o.id limit 1', [code]);
const versionOf = async (table: string, gid: string) => {
  const id = Number(Buffer.from(gid, 'base64url').toString('utf8').split(':')[1]);
  return (await app.sql(`select version from ${table} where id = $1`, [id]))[0].version as number;
};

/** Runs a request that must be refused and asserts the database is unchanged. */
async function refused(as: string, query: string, variables: Record<string, unknown>): Promise<GqlResult> {
  const before = await app.fingerprint();
  const r = await app.gql(as, query, variables);
  expect(await app.fingerprint()).toBe(before);
  return r;
}

/** The single user error of a refused mutation. */
function userError(r: GqlResult, field: string): { field: string[]; message: string; code: string } {
  expect(r.body.errors).toBeUndefined();
  const payload = r.body.data[field];
  expect(Object.values(payload).filter((v) => v !== null && !Array.isArray(v))).toEqual([]);
  expect(payload.userErrors).toHaveLength(1);
  return payload.userErrors[0];
}

function ok(r: GqlResult, field: string) {
  expect(r.body.errors).toBeUndefined();
  expect(r.body.data[field].userErrors).toEqual([]);
  return r.body.data[field];
}

describe('reading letters, items and assessments, role by role', () => {
  const LETTER_Q = `query($id: ID!) { letter(id: $id) { ${LETTER} } }`;

  test('one letter: value for readers in scope, FORBIDDEN for roles without letter rows, NOT_FOUND out of scope', async () => {
    const cz = await letterGid('QS-CZ');
    const expected: Record<string, 'value' | 'FORBIDDEN' | 'NOT_FOUND'> = {
      'qs-party': 'value',
      'qs-discipline': 'value',
      'qs-team1': 'value',
      'qs-team2': 'NOT_FOUND',
      'qs-finance': 'value',
      'qs-org': 'FORBIDDEN',
      'qs-petition': 'FORBIDDEN',
      sysadmin: 'FORBIDDEN',
      secadmin: 'FORBIDDEN',
      auditor: 'FORBIDDEN',
      'dongling-party': 'NOT_FOUND',
    };
    for (const account of ALL_ACCOUNTS) {
      const r = await app.gql(account, LETTER_Q, { id: cz });
      const want = expected[account];
      if (want === 'value') {
        expect({ account, errors: r.body.errors }).toEqual({ account, errors: undefined });
        const l = r.body.data.letter;
        expect(l.unit.code).toBe('QS-CZ');
        expect(l.status).toBe('PUBLISHED');
        expect(l.year).toBe(YEAR);
        expect(l.items).toHaveLength(4);
        expect(l.principal?.name).toBeTruthy();
      } else {
        expect({ account, data: r.body.data?.letter ?? null, codes: codes(r) }).toEqual({ account, data: null, codes: [want] });
        expect(r.body.errors![0].path).toEqual(['letter']);
      }
    }
  });

  test('one item and one assessment through node(id), role by role', async () => {
    const item = await itemGid('QS-CZ', `${YEAR}-12-15`);
    const assessment = await assessmentGid('QS-CZ', YEAR - 1, 'HALF_YEAR');
    const itemReaders = ['qs-party', 'qs-discipline', 'qs-team1', 'qs-finance'];
    const assessmentReaders = [...itemReaders, 'qs-org'];
    const score = Number((await app.sql("select a.score from assessment a join unit u on u.id = a.unit_id where u.code = 'QS-CZ' and a.year = $1 and a.period = 'HALF_YEAR'", [YEAR - 1]))[0].score);
    for (const account of ALL_ACCOUNTS) {
      const i = await app.gql(account, `query($id: ID!) { node(id: $id) { id ... on ResponsibilityItem { deadline kind letter { unit { code } } } } }`, { id: item });
      if (itemReaders.includes(account)) {
        expect({ account, errors: i.body.errors }).toEqual({ account, errors: undefined });
        expect(i.body.data.node).toEqual({ id: item, deadline: `${YEAR}-12-15`, kind: 'SELF_CHOSEN', letter: { unit: { code: 'QS-CZ' } } });
      } else {
        expect({ account, node: i.body.data?.node ?? null, codes: codes(i) }).toEqual({ account, node: null, codes: ['NOT_FOUND'] });
      }
      const a = await app.gql(account, `query($id: ID!) { node(id: $id) { id ... on Assessment { score period unit { code } letter { id } } } }`, { id: assessment });
      if (assessmentReaders.includes(account)) {
        expect({ account, errors: a.body.errors }).toEqual({ account, errors: undefined });
        expect(a.body.data.node).toMatchObject({ id: assessment, score, period: 'HALF_YEAR', unit: { code: 'QS-CZ' } });
        expect(a.body.data.node.letter).toEqual(account === 'qs-org' ? null : { id: await letterGid('QS-CZ', YEAR - 1) });
      } else {
        expect({ account, node: a.body.data?.node ?? null, codes: codes(a) }).toEqual({ account, node: null, codes: ['NOT_FOUND'] });
      }
    }
  });

  test('issuerUnit is null (without error) where the caller cannot see the issuer; viewerCan follows role and status', async () => {
    const cz = await letterGid('QS-CZ');
    const Q = `query($id: ID!) { letter(id: $id) { issuerUnit { code } viewerCan { editItems sign publish reportProgress assess proposeVeto } } }`;
    const party = await app.gql('qs-party', Q, { id: cz });
    expect(party.body.data.letter).toEqual({
      issuerUnit: { code: 'QS' },
      viewerCan: { editItems: false, sign: false, publish: false, reportProgress: true, assess: true, proposeVeto: false },
    });
    const dc = await app.gql('qs-discipline', Q, { id: cz });
    expect(dc.body.data.letter).toEqual({
      issuerUnit: { code: 'QS' },
      viewerCan: { editItems: false, sign: false, publish: false, reportProgress: false, assess: false, proposeVeto: true },
    });
    for (const account of ['qs-finance', 'qs-team1']) {
      const r = await app.gql(account, Q, { id: cz });
      expect(r.body.errors).toBeUndefined();
      expect(r.body.data.letter.issuerUnit).toBeNull();
      expect(r.body.data.letter.viewerCan).toEqual({ editItems: false, sign: false, publish: false, reportProgress: account === 'qs-finance', assess: false, proposeVeto: false });
    }
    // 东岭镇 reads the county's letter to it but did not issue it; it issues its villages' letters
    const dlFromCounty = await app.gql('dongling-party', Q, { id: await letterGid('QS-DL') });
    expect(dlFromCounty.body.errors).toBeUndefined();
    expect(dlFromCounty.body.data.letter).toEqual({
      issuerUnit: null,
      viewerCan: { editItems: false, sign: false, publish: false, reportProgress: false, assess: false, proposeVeto: false },
    });
    const village = await app.gql('dongling-party', Q, { id: await letterGid('QS-DL-03') });
    expect(village.body.data.letter).toEqual({
      issuerUnit: { code: 'QS-DL' },
      viewerCan: { editItems: true, sign: true, publish: false, reportProgress: false, assess: false, proposeVeto: false },
    });
  });

  test('the out-of-scope ids of the contract answer NOT_FOUND, through letter(id) and node(id)', async () => {
    const cases: [string, string][] = [
      ['dongling-party', 'QS-CZ'],
      ['qs-finance', 'QS-JY'],
      ['qs-team1', 'QS-ZR'],
    ];
    for (const [account, code] of cases) {
      const id = await letterGid(code);
      const r = await app.gql(account, 'query($id: ID!) { letter(id: $id) { id title } }', { id });
      expect({ account, data: r.body.data?.letter, codes: codes(r) }).toEqual({ account, data: null, codes: ['NOT_FOUND'] });
      const item = await itemGid(code, `${YEAR}-12-15`);
      const n = await app.gql(account, 'query($id: ID!) { node(id: $id) { id ... on ResponsibilityItem { content } } }', { id: item });
      expect({ account, data: n.body.data?.node, codes: codes(n) }).toEqual({ account, data: null, codes: ['NOT_FOUND'] });
      const a = await assessmentGid(code, YEAR - 1, 'YEAR_END');
      const na = await app.gql(account, 'query($id: ID!) { node(id: $id) { id ... on Assessment { score } } }', { id: a });
      expect({ account, data: na.body.data?.node, codes: codes(na) }).toEqual({ account, data: null, codes: ['NOT_FOUND'] });
    }
    // ORGANIZATION_DEPT has no letter rows: not even node(id) finds one; its assessments it does
    const org = await app.gql('qs-org', 'query($id: ID!) { node(id: $id) { id } }', { id: await letterGid('QS-CZ') });
    expect(codes(org)).toEqual(['NOT_FOUND']);
    const orgA = await app.gql('qs-org', 'query($id: ID!) { node(id: $id) { id ... on Assessment { score unit { code } letter { id } } } }', {
      id: await assessmentGid('QS-CZ', YEAR - 1, 'YEAR_END'),
    });
    expect(orgA.body.errors).toBeUndefined();
    expect(orgA.body.data.node.unit.code).toBe('QS-CZ');
    expect(orgA.body.data.node.letter).toBeNull();
  });

  test('letters: totalCount equals the rows in scope for roles whose scope cuts the list', async () => {
    const Q = 'query($after: String) { letters(first: 100, after: $after) { totalCount nodes { id unit { code } items { id } } } }';
    const count = async (where: string, params: unknown[]) => Number((await app.sql(`select count(*)::int as n from responsibility_letter where ${where}`, params))[0].n);
    const cases: [string, string, unknown[]][] = [
      ['dongling-party', 'unit_path like $1', [`${await unitPathOf('QS-DL')}%`]],
      ['qs-finance', 'unit_path = $1', [await unitPathOf('QS-CZ')]],
      ['qs-team1', '(unit_path like $1 or unit_path like $2)', [`${await unitPathOf('QS-CZ')}%`, `${await unitPathOf('QS-JY')}%`]],
      ['qs-party', 'true', []],
    ];
    for (const [account, where, params] of cases) {
      const r = await app.gql(account, Q, {});
      expect(r.body.errors).toBeUndefined();
      const n = await count(where, params);
      expect({ account, total: r.body.data.letters.totalCount }).toEqual({ account, total: n });
      expect(r.body.data.letters.nodes).toHaveLength(n);
      const items = Number((await app.sql(`select count(*)::int as n from responsibility_item where ${where}`, params))[0].n);
      expect(r.body.data.letters.nodes.flatMap((l: any) => l.items)).toHaveLength(items);
    }
    const dl = await app.gql('dongling-party', Q, {});
    expect([...new Set(dl.body.data.letters.nodes.map((l: any) => l.unit.code))].sort()).toEqual(['QS-DL', 'QS-DL-01', 'QS-DL-02', 'QS-DL-03', 'QS-DL-04']);
    const t1 = await app.gql('qs-team1', Q, {});
    expect([...new Set(t1.body.data.letters.nodes.map((l: any) => l.unit.code))].sort()).toEqual(['QS-CZ', 'QS-JY']);

    // filters and pages keep the scope
    const F = 'query($f: LetterFilter, $after: String) { letters(filter: $f, first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { unit { code } status year } } }';
    const drafts = await app.gql('dongling-party', F, { f: { year: YEAR, statuses: ['DRAFT', 'SIGNED'] } });
    expect(drafts.body.data.letters.totalCount).toBe(await count("unit_path like $1 and year = $2 and status in ('DRAFT', 'SIGNED')", [`${await unitPathOf('QS-DL')}%`, YEAR]));
    expect(drafts.body.data.letters.nodes.every((l: any) => ['DRAFT', 'SIGNED'].includes(l.status) && l.year === YEAR)).toBe(true);
    const subtree = await app.gql('qs-team1', F, { f: { unitSubtree: await unitGid('QS') } });
    expect(subtree.body.data.letters.totalCount).toBe(4);
    expect(subtree.body.data.letters.pageInfo.hasNextPage).toBe(true);
    const page2 = await app.gql('qs-team1', F, { f: { unitSubtree: await unitGid('QS') }, after: subtree.body.data.letters.pageInfo.endCursor });
    expect(page2.body.data.letters.nodes).toHaveLength(2);
    expect(page2.body.data.letters.pageInfo.hasNextPage).toBe(false);
    const byUnit = await app.gql('qs-party', F, { f: { unit: await unitGid('QS-ZR') } });
    expect(byUnit.body.data.letters.totalCount).toBe(2);
    const outside = await app.gql('qs-finance', F, { f: { unit: await unitGid('QS-JY') } });
    expect(outside.body.data.letters.totalCount).toBe(0);
  });

  test('letters: roles without letter rows get null with FORBIDDEN at the root field', async () => {
    for (const account of NO_LETTER_ROWS) {
      const r = await app.gql(account, '{ letters { totalCount } }');
      expect({ account, data: r.body.data?.letters ?? null, codes: codes(r), path: r.body.errors?.[0]?.path }).toEqual({
        account,
        data: null,
        codes: ['FORBIDDEN'],
        path: ['letters'],
      });
    }
  });

  test('assessments: scoped per role; ORGANIZATION_DEPT reads them, its letters FORBIDDEN, Assessment.letter null', async () => {
    const Q = `query($f: AssessmentFilter) { assessments(filter: $f, first: 100) { totalCount nodes { ${ASSESSMENT} letter { id unit { code } } } } }`;
    const count = async (where: string, params: unknown[]) => Number((await app.sql(`select count(*)::int as n from assessment where year = ${YEAR - 1} and ${where}`, params))[0].n);
    const expected: [string, string, unknown[]][] = [
      ['qs-party', 'true', []],
      ['qs-discipline', 'true', []],
      ['qs-team1', '(unit_path like $1 or unit_path like $2)', [`${await unitPathOf('QS-CZ')}%`, `${await unitPathOf('QS-JY')}%`]],
      ['qs-team2', '(unit_path like $1 or unit_path like $2)', [`${await unitPathOf('QS-ZR')}%`, `${await unitPathOf('QS-WJ')}%`]],
      ['qs-finance', 'unit_path = $1', [await unitPathOf('QS-CZ')]],
      ['qs-org', 'true', []],
      ['dongling-party', 'unit_path like $1', [`${await unitPathOf('QS-DL')}%`]],
    ];
    for (const [account, where, params] of expected) {
      const r = await app.gql(account, Q, { f: { year: YEAR - 1 } });
      expect({ account, errors: r.body.errors }).toEqual({ account, errors: undefined });
      const n = await count(where, params);
      expect({ account, total: r.body.data.assessments.totalCount }).toEqual({ account, total: n });
      expect(r.body.data.assessments.nodes).toHaveLength(n);
      for (const a of r.body.data.assessments.nodes) {
        if (account === 'qs-org') expect(a.letter).toBeNull();
        else expect(a.letter.unit.code).toBe(a.unit.code);
      }
    }
    expect(await count('true', [])).toBe(16);
    const zr = (await app.gql('qs-team2', Q, { f: { year: YEAR - 1, period: 'YEAR_END', unitSubtree: await unitGid('QS-ZR') } })).body.data.assessments;
    expect(zr.totalCount).toBe(1);
    expect(zr.nodes[0]).toMatchObject({ vetoed: true, grade: 'POOR', vetoProposed: true, period: 'YEAR_END', unit: { code: 'QS-ZR' } });
    expect(zr.nodes[0].vetoReason).toBeTruthy();

    for (const account of NO_ASSESSMENT_ROWS) {
      const r = await app.gql(account, '{ assessments { totalCount } }');
      expect({ account, data: r.body.data?.assessments ?? null, codes: codes(r), path: r.body.errors?.[0]?.path }).toEqual({
        account,
        data: null,
        codes: ['FORBIDDEN'],
        path: ['assessments'],
      });
    }

    // one request: the assessments are served, letters are null with FORBIDDEN at their path
    const both = await app.gql('qs-org', `{ assessments(filter: { year: ${YEAR - 1} }) { totalCount nodes { score letter { id } } } letters { totalCount } letter: node(id: "${await letterGid('QS-CZ')}") { id } }`);
    expect(both.body.data.assessments.totalCount).toBe(16);
    expect(both.body.data.assessments.nodes.every((a: any) => a.letter === null && typeof a.score === 'number')).toBe(true);
    expect(both.body.data.letters).toBeNull();
    expect(both.body.errors!.map((e) => [e.extensions?.code, e.path])).toEqual(
      expect.arrayContaining([
        ['FORBIDDEN', ['letters']],
        ['NOT_FOUND', ['letter']],
      ]),
    );
  });

  test('Letter.assessments and items are batched per letter and ordered; overdue and reminderDue follow today', async () => {
    const r = await app.gql('qs-party', `{ letters(filter: { year: ${YEAR - 1} }, first: 100) { nodes { unit { code } status assessments { period } items { deadline overdue reminderDue progressPercent } } } }`);
    expect(r.body.errors).toBeUndefined();
    for (const l of r.body.data.letters.nodes) {
      expect(l.status).toBe('ASSESSED');
      expect(l.assessments.map((a: any) => a.period)).toEqual(['HALF_YEAR', 'YEAR_END']);
    }
    const cz = await app.gql('qs-finance', `query($id: ID!) { letter(id: $id) { items { deadline progressPercent overdue reminderDue letter { unit { code } } } } }`, { id: await letterGid('QS-CZ') });
    expect(cz.body.errors).toBeUndefined();
    expect(cz.body.data.letter.items).toEqual([
      { deadline: `${YEAR}-03-30`, progressPercent: 60, overdue: true, reminderDue: false, letter: { unit: { code: 'QS-CZ' } } },
      { deadline: `${YEAR}-06-30`, progressPercent: 80, overdue: true, reminderDue: false, letter: { unit: { code: 'QS-CZ' } } },
      { deadline: `${YEAR}-09-30`, progressPercent: null, overdue: false, reminderDue: true, letter: { unit: { code: 'QS-CZ' } } },
      { deadline: `${YEAR}-12-15`, progressPercent: null, overdue: false, reminderDue: false, letter: { unit: { code: 'QS-CZ' } } },
    ]);
    // last year: every item was reported complete, so none is overdue though every deadline has passed
    const last = await app.gql('qs-finance', `query($id: ID!) { letter(id: $id) { items { progressPercent overdue reminderDue } } }`, { id: await letterGid('QS-CZ', YEAR - 1) });
    expect(last.body.data.letter.items).toEqual([
      { progressPercent: 100, overdue: false, reminderDue: false },
      { progressPercent: 100, overdue: false, reminderDue: false },
      { progressPercent: 100, overdue: false, reminderDue: false },
      { progressPercent: 100, overdue: false, reminderDue: false },
    ]);
  });
});

describe('the letter lifecycle', () => {
  test('create → items → sign → progress → publish → half-year → year-end → ASSESSED, refusing every illegal step', async () => {
    const unit = await unitGid('QS-XH-01');
    // created without a principal
    const created = ok(await app.gql('qs-party', M.create, { input: { unit, year: YEAR, title: ' 2026年度党风廉政建设责任书（西河村） ' } }), 'letterCreate');
    let letter = created.letter;
    expect(letter).toMatchObject({ status: 'DRAFT', year: YEAR, title: '2026年度党风廉政建设责任书（西河村）', issuerUnit: { code: 'QS' }, unit: { code: 'QS-XH-01' }, principal: null, items: [], assessments: [] });
    expect(letter.viewerCan).toEqual({ editItems: true, sign: true, publish: false, reportProgress: false, assess: false, proposeVeto: false });
    const row = (await app.sql('select issuer_path, unit_path, status from responsibility_letter where year = $1 and unit_id = (select id from unit where code = $2)', [YEAR, 'QS-XH-01']))[0];
    expect(row).toEqual({ issuer_path: await unitPathOf('QS'), unit_path: await unitPathOf('QS-XH-01'), status: 'DRAFT' });

    // signing needs a principal and at least one item
    let e = userError(await refused('qs-party', M.sign, { input: { id: letter.id, version: letter.version, signedDate: '2026-09-01' } }), 'letterSign');
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toMatch(/principal/);
    const principal = await principalGid('QS-XH-01');
    letter = ok(await app.gql('qs-party', M.update, { input: { id: letter.id, version: letter.version, principal } }), 'letterUpdate').letter;
    expect(letter.principal.id).toBe(principal);
    expect(letter.version).toBe(2);
    e = userError(await refused('qs-party', M.sign, { input: { id: letter.id, version: letter.version, signedDate: '2026-09-01' } }), 'letterSign');
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toMatch(/items/);

    // items, within the letter's year
    const i1 = ok(await app.gql('qs-party', M.itemAdd, { input: { letter: letter.id, kind: 'MANDATORY', content: '每季度专题研究党风廉政建设', measures: '召开支委会', deadline: '2026-10-31' } }), 'letterItemAdd').item;
    expect(i1).toMatchObject({ kind: 'MANDATORY', deadline: '2026-10-31', progress: null, overdue: false, reminderDue: false, version: 1 });
    expect(i1.letter.id).toBe(letter.id);
    const i2 = ok(await app.gql('qs-party', M.itemAdd, { input: { letter: letter.id, kind: 'SELF_CHOSEN', content: '村务公开', measures: '每月公开', deadline: '2026-12-20' } }), 'letterItemAdd').item;
    const i1b = ok(await app.gql('qs-party', M.itemUpdate, { input: { id: i1.id, version: i1.version, content: '每季度专题研究一次', deadline: '2026-09-30' } }), 'letterItemUpdate').item;
    expect(i1b).toMatchObject({ content: '每季度专题研究一次', deadline: '2026-09-30', version: 2, reminderDue: true });
    e = userError(await refused('qs-party', M.itemUpdate, { input: { id: i1.id, version: 1, content: 'stale' } }), 'letterItemUpdate');
    expect(e).toMatchObject({ code: 'CONFLICT', field: ['input', 'version'] });

    // no publishing, assessing or progress on a draft
    letter = (await app.gql('qs-party', `query($id: ID!) { letter(id: $id) { ${LETTER} } }`, { id: letter.id })).body.data.letter;
    expect(letter.items.map((i: any) => i.id)).toEqual([i1.id, i2.id]);
    expect(userError(await refused('qs-party', M.publish, { input: { id: letter.id, version: letter.version, publishedDate: '2026-09-10' } }), 'letterPublish').code).toBe('CONFLICT');
    expect(userError(await refused('qs-party', M.assess, { input: { letter: letter.id, version: letter.version, period: 'HALF_YEAR', score: 90, grade: 'EXCELLENT' } }), 'letterAssess').code).toBe('CONFLICT');
    expect(userError(await refused('qs-party', M.progress, { input: { id: i2.id, version: i2.version, progress: '推进中', percent: 10 } }), 'letterItemReportProgress').code).toBe('CONFLICT');

    // sign: dates are checked, then DRAFT → SIGNED
    e = userError(await refused('qs-party', M.sign, { input: { id: letter.id, version: letter.version, signedDate: '2026-10-01' } }), 'letterSign');
    expect(e).toMatchObject({ code: 'BAD_USER_INPUT', field: ['input', 'signedDate'] });
    letter = ok(await app.gql('qs-party', M.sign, { input: { id: letter.id, version: letter.version, signedDate: '2026-09-01' } }), 'letterSign').letter;
    expect(letter).toMatchObject({ status: 'SIGNED', signedDate: '2026-09-01', version: 3 });
    expect(letter.viewerCan).toEqual({ editItems: false, sign: false, publish: true, reportProgress: true, assess: true, proposeVeto: false });

    // signing twice, stale version, item edits after signing: CONFLICT, nothing changes
    e = userError(await refused('qs-party', M.sign, { input: { id: letter.id, version: letter.version, signedDate: '2026-09-02' } }), 'letterSign');
    expect(e.code).toBe('CONFLICT');
    e = userError(await refused('qs-party', M.sign, { input: { id: letter.id, version: 1, signedDate: '2026-09-02' } }), 'letterSign');
    expect(e).toMatchObject({ code: 'CONFLICT', field: ['input', 'version'] });
    e = userError(await refused('qs-party', M.itemUpdate, { input: { id: i1b.id, version: i1b.version, content: '改' } }), 'letterItemUpdate');
    expect(e.code).toBe('CONFLICT');
    e = userError(await refused('qs-party', M.itemAdd, { input: { letter: letter.id, kind: 'MANDATORY', content: '新增', measures: '新增', deadline: '2026-11-30' } }), 'letterItemAdd');
    expect(e.code).toBe('CONFLICT');
    e = userError(await refused('qs-party', M.update, { input: { id: letter.id, version: letter.version, title: '改标题' } }), 'letterUpdate');
    expect(e.code).toBe('CONFLICT');

    // progress by the issuing party committee; a stale version is refused
    const p = ok(await app.gql('qs-party', M.progress, { input: { id: i1b.id, version: i1b.version, progress: ' 已召开两次专题会议 ', percent: 70 } }), 'letterItemReportProgress').item;
    expect(p).toMatchObject({ progress: '已召开两次专题会议', progressPercent: 70, progressReportedOn: TODAY, version: 3, reminderDue: true });
    e = userError(await refused('qs-party', M.progress, { input: { id: i1b.id, version: i1b.version, progress: 'stale', percent: 80 } }), 'letterItemReportProgress');
    expect(e).toMatchObject({ code: 'CONFLICT', field: ['input', 'version'] });
    const done = ok(await app.gql('qs-party', M.progress, { input: { id: p.id, version: p.version, progress: '已完成', percent: 100 } }), 'letterItemReportProgress').item;
    expect(done).toMatchObject({ progressPercent: 100, reminderDue: false, overdue: false });
    e = userError(await refused('qs-party', M.progress, { input: { id: p.id, version: done.version, progress: 'x', percent: 101 } }), 'letterItemReportProgress');
    expect(e).toMatchObject({ code: 'BAD_USER_INPUT', field: ['input', 'percent'] });

    // year-end needs PUBLISHED
    e = userError(await refused('qs-party', M.assess, { input: { letter: letter.id, version: letter.version, period: 'YEAR_END', score: 90, grade: 'EXCELLENT' } }), 'letterAssess');
    expect(e.code).toBe('CONFLICT');

    // publish: not before the date signed
    e = userError(await refused('qs-party', M.publish, { input: { id: letter.id, version: letter.version, publishedDate: '2026-08-31' } }), 'letterPublish');
    expect(e).toMatchObject({ code: 'BAD_USER_INPUT', field: ['input', 'publishedDate'] });
    letter = ok(await app.gql('qs-party', M.publish, { input: { id: letter.id, version: letter.version, publishedDate: '2026-09-10' } }), 'letterPublish').letter;
    expect(letter).toMatchObject({ status: 'PUBLISHED', publishedDate: '2026-09-10', version: 4 });
    expect(userError(await refused('qs-party', M.publish, { input: { id: letter.id, version: letter.version, publishedDate: '2026-09-11' } }), 'letterPublish').code).toBe('CONFLICT');

    // half-year: bad scores and a veto without its reason are refused
    const assess = (extra: Record<string, unknown>) => ({ input: { letter: letter.id, version: letter.version, period: 'HALF_YEAR', score: 88.5, grade: 'GOOD', ...extra } });
    e = userError(await refused('qs-party', M.assess, assess({ score: 120 })), 'letterAssess');
    expect(e).toMatchObject({ code: 'BAD_USER_INPUT', field: ['input', 'score'] });
    e = userError(await refused('qs-party', M.assess, assess({ score: -1 })), 'letterAssess');
    expect(e).toMatchObject({ code: 'BAD_USER_INPUT', field: ['input', 'score'] });
    e = userError(await refused('qs-party', M.assess, assess({ vetoed: true })), 'letterAssess');
    expect(e).toMatchObject({ code: 'BAD_USER_INPUT', field: ['input', 'vetoReason'] });
    e = userError(await refused('qs-party', M.assess, assess({ vetoed: true, vetoReason: '   ' })), 'letterAssess');
    expect(e).toMatchObject({ code: 'BAD_USER_INPUT', field: ['input', 'vetoReason'] });
    e = userError(await refused('qs-party', M.assess, assess({ version: 1 })), 'letterAssess');
    expect(e).toMatchObject({ code: 'CONFLICT', field: ['input', 'version'] });
    const half = ok(await app.gql('qs-party', M.assess, assess({})), 'letterAssess').assessment;
    expect(half).toMatchObject({ period: 'HALF_YEAR', score: 88.5, grade: 'GOOD', vetoed: false, vetoReason: null, vetoProposed: false, assessedDate: TODAY, year: YEAR, unit: { code: 'QS-XH-01' }, letter: { id: letter.id, status: 'PUBLISHED' } });
    e = userError(await refused('qs-party', M.assess, assess({ score: 70 })), 'letterAssess');
    expect(e).toMatchObject({ code: 'CONFLICT', field: ['input', 'period'] });

    // year-end: the letter becomes ASSESSED and nothing more may happen to it
    const end = ok(await app.gql('qs-party', M.assess, { input: { letter: letter.id, version: letter.version, period: 'YEAR_END', score: 92, grade: 'EXCELLENT' } }), 'letterAssess').assessment;
    expect(end).toMatchObject({ period: 'YEAR_END', score: 92, grade: 'EXCELLENT', letter: { status: 'ASSESSED', version: 5 } });
    letter = (await app.gql('qs-party', `query($id: ID!) { letter(id: $id) { ${LETTER} } }`, { id: letter.id })).body.data.letter;
    expect(letter.status).toBe('ASSESSED');
    expect(letter.assessments.map((a: any) => [a.period, a.score])).toEqual([['HALF_YEAR', 88.5], ['YEAR_END', 92]]);
    expect(letter.viewerCan).toEqual({ editItems: false, sign: false, publish: false, reportProgress: false, assess: false, proposeVeto: false });
    expect(userError(await refused('qs-party', M.assess, { input: { letter: letter.id, version: letter.version, period: 'YEAR_END', score: 50, grade: 'FAIR' } }), 'letterAssess').code).toBe('CONFLICT');
    expect(userError(await refused('qs-party', M.progress, { input: { id: i2.id, version: i2.version, progress: '补报', percent: 90 } }), 'letterItemReportProgress').code).toBe('CONFLICT');
    const db = await app.sql("select period, score::float as score, grade, assessed_date::text as d from assessment where letter_id = (select id from responsibility_letter where unit_id = (select id from unit where code = 'QS-XH-01') and year = $1) order by period", [YEAR]);
    expect(db).toEqual([
      { period: 'HALF_YEAR', score: 88.5, grade: 'GOOD', d: TODAY },
      { period: 'YEAR_END', score: 92, grade: 'EXCELLENT', d: TODAY },
    ]);
  });

  test('bad input on letterCreate and letterItemAdd changes nothing', async () => {
    const unit = await unitGid('QS-XH-02');
    const cases: [Record<string, unknown>, string, string[]][] = [
      [{ unit, year: YEAR, title: '   ' }, 'BAD_USER_INPUT', ['input', 'title']],
      [{ unit, year: YEAR, title: '' }, 'BAD_USER_INPUT', ['input', 'title']],
      [{ unit, year: 1999, title: '责任书' }, 'BAD_USER_INPUT', ['input', 'year']],
      [{ unit, year: 2101, title: '责任书' }, 'BAD_USER_INPUT', ['input', 'year']],
      [{ unit: 'nonsense', year: YEAR, title: '责任书' }, 'BAD_USER_INPUT', ['input', 'unit']],
      [{ unit: await unitGid('QS-CZ'), year: YEAR, title: '责任书' }, 'CONFLICT', ['input', 'unit']],
      [{ unit, year: YEAR, title: '责任书', principal: await principalGid('QS-XH-01') }, 'BAD_USER_INPUT', ['input', 'principal']],
      [{ unit: await unitGid('QS'), year: YEAR, title: '责任书' }, 'BAD_USER_INPUT', ['input', 'unit']],
      [{ unit, issuerUnit: await unitGid('QS-DL'), year: YEAR, title: '责任书' }, 'BAD_USER_INPUT', ['input', 'unit']],
    ];
    for (const [input, code, field] of cases) {
      const e = userError(await refused('qs-party', M.create, { input }), 'letterCreate');
      expect({ input, code: e.code, field: e.field }).toEqual({ input, code, field });
    }
    // a draft letter with a deadline outside its year
    const zr = await letterGid('QS-ZR');
    for (const deadline of [`${YEAR - 1}-12-31`, `${YEAR + 1}-01-01`]) {
      const e = userError(await refused('qs-party', M.itemAdd, { input: { letter: zr, kind: 'MANDATORY', content: '内容', measures: '措施', deadline } }), 'letterItemAdd');
      expect(e).toMatchObject({ code: 'BAD_USER_INPUT', field: ['input', 'deadline'] });
    }
    const e = userError(await refused('qs-party', M.itemAdd, { input: { letter: zr, kind: 'MANDATORY', content: ' ', measures: '措施', deadline: `${YEAR}-12-01` } }), 'letterItemAdd');
    expect(e).toMatchObject({ code: 'BAD_USER_INPUT', field: ['input', 'content'] });
    const zrItem = await itemGid('QS-ZR', `${YEAR}-12-15`);
    const e2 = userError(await refused('qs-party', M.itemUpdate, { input: { id: zrItem, version: 1, deadline: `${YEAR - 1}-06-30` } }), 'letterItemUpdate');
    expect(e2).toMatchObject({ code: 'BAD_USER_INPUT', field: ['input', 'deadline'] });
    // not a calendar date: refused by the scalar before anything runs
    const bad = await refused('qs-party', M.itemAdd, { input: { letter: zr, kind: 'MANDATORY', content: '内容', measures: '措施', deadline: `${YEAR}-02-30` } });
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
  });

  test('who may write: ORG, UNIT, DC and teams may not draft; the issuer alone edits; scope is enforced', async () => {
    const input = { unit: await unitGid('QS-XH-02'), year: YEAR, title: '责任书' };
    for (const account of ['qs-org', 'qs-finance', 'qs-discipline', 'qs-team1', 'qs-petition', 'sysadmin', 'secadmin', 'auditor']) {
      const r = await refused(account, M.create, { input });
      expect({ account, data: r.body.data?.letterCreate ?? null, codes: codes(r), path: r.body.errors?.[0]?.path }).toEqual({
        account,
        data: null,
        codes: ['FORBIDDEN'],
        path: ['letterCreate'],
      });
    }
    // 东岭镇 may not draft for a county department (outside its reach: NOT_FOUND), nor for itself
    let e = userError(await refused('dongling-party', M.create, { input: { unit: await unitGid('QS-CZ'), year: YEAR + 1, title: '责任书' } }), 'letterCreate');
    expect(e).toMatchObject({ code: 'NOT_FOUND', field: ['input', 'unit'] });
    e = userError(await refused('dongling-party', M.create, { input: { unit: await unitGid('QS-DL'), year: YEAR + 1, title: '责任书' } }), 'letterCreate');
    expect(e).toMatchObject({ code: 'BAD_USER_INPUT', field: ['input', 'unit'] });
    e = userError(await refused('dongling-party', M.create, { input: { unit: await unitGid('QS-DL-01'), issuerUnit: await unitGid('QS'), year: YEAR + 1, title: '责任书' } }), 'letterCreate');
    expect(e).toMatchObject({ code: 'NOT_FOUND', field: ['input', 'issuerUnit'] });
    // ...but drafts for its villages, as their issuer
    const dl = ok(await app.gql('dongling-party', M.create, { input: { unit: await unitGid('QS-DL-01'), year: YEAR + 1, title: '2027年度责任书', principal: await principalGid('QS-DL-01') } }), 'letterCreate').letter;
    expect(dl).toMatchObject({ status: 'DRAFT', issuerUnit: { code: 'QS-DL' }, unit: { code: 'QS-DL-01' }, viewerCan: { editItems: true, sign: true } });

    // the county's letter to 东岭镇: 东岭镇 reads it but may not change it
    const dlLetter = await letterGid('QS-DL');
    const v = await versionOf('responsibility_letter', dlLetter);
    e = userError(await refused('dongling-party', M.publish, { input: { id: dlLetter, version: v, publishedDate: '2026-09-01' } }), 'letterPublish');
    expect(e).toMatchObject({ code: 'FORBIDDEN', field: ['input', 'id'] });
    const dlItem = await itemGid('QS-DL', `${YEAR}-12-15`);
    e = userError(await refused('dongling-party', M.progress, { input: { id: dlItem, version: 1, progress: '推进中', percent: 50 } }), 'letterItemReportProgress');
    expect(e).toMatchObject({ code: 'FORBIDDEN', field: ['input', 'id'] });

    // letters outside a party committee's reach are NOT_FOUND
    const cz = await letterGid('QS-CZ');
    e = userError(await refused('dongling-party', M.assess, { input: { letter: cz, version: 1, period: 'HALF_YEAR', score: 80, grade: 'GOOD' } }), 'letterAssess');
    expect(e).toMatchObject({ code: 'NOT_FOUND', field: ['input', 'letter'] });
    e = userError(await refused('dongling-party', M.itemAdd, { input: { letter: await letterGid('QS-ZR'), kind: 'MANDATORY', content: 'x', measures: 'x', deadline: `${YEAR}-12-01` } }), 'letterItemAdd');
    expect(e).toMatchObject({ code: 'NOT_FOUND', field: ['input', 'letter'] });

    // assessing is the party committee's: a team, the commission and the unit are refused by the rule table
    for (const account of ['qs-team1', 'qs-discipline', 'qs-finance', 'qs-org']) {
      const r = await refused(account, M.assess, { input: { letter: cz, version: 1, period: 'HALF_YEAR', score: 80, grade: 'GOOD' } });
      expect({ account, codes: codes(r), data: r.body.data?.letterAssess ?? null }).toEqual({ account, codes: ['FORBIDDEN'], data: null });
    }
  });

  test('progress: the unit on its own letters until the deadline; not on another unit\'s letter', async () => {
    const open = await itemGid('QS-CZ', `${YEAR}-12-15`);
    const r = ok(await app.gql('qs-finance', M.progress, { input: { id: open, version: 1, progress: '已制定方案', percent: 30 } }), 'letterItemReportProgress');
    expect(r.item).toMatchObject({ progress: '已制定方案', progressPercent: 30, progressReportedOn: TODAY, version: 2 });

    const past = await itemGid('QS-CZ', `${YEAR}-03-30`);
    let e = userError(await refused('qs-finance', M.progress, { input: { id: past, version: 1, progress: '补报', percent: 100 } }), 'letterItemReportProgress');
    expect(e).toEqual({ code: 'CONFLICT', field: ['input', 'id'], message: 'progress entry is locked after the deadline' });
    e = userError(await refused('qs-party', M.progress, { input: { id: past, version: 1, progress: '补报', percent: 100 } }), 'letterItemReportProgress');
    expect(e.message).toBe('progress entry is locked after the deadline');

    const other = await itemGid('QS-JY', `${YEAR}-12-15`);
    e = userError(await refused('qs-finance', M.progress, { input: { id: other, version: 1, progress: '越权', percent: 50 } }), 'letterItemReportProgress');
    expect(e).toMatchObject({ code: 'NOT_FOUND', field: ['input', 'id'] });

    // a unit only reports progress: every other write is refused by the rule table
    const cz = await letterGid('QS-CZ');
    for (const [name, q, input] of [
      ['letterItemUpdate', M.itemUpdate, { id: open, version: 2, content: 'x' }],
      ['letterPublish', M.publish, { id: cz, version: 1, publishedDate: '2026-09-01' }],
    ] as const) {
      const res = await refused('qs-finance', q, { input });
      expect({ name, codes: codes(res) }).toEqual({ name, codes: ['FORBIDDEN'] });
    }
    for (const account of ['qs-discipline', 'qs-team1', 'qs-org']) {
      const res = await refused(account, M.progress, { input: { id: open, version: 2, progress: 'x', percent: 1 } });
      expect({ account, codes: codes(res) }).toEqual({ account, codes: ['FORBIDDEN'] });
    }
  });

  test('the discipline commission proposes a veto; the party committee assesses with it', async () => {
    const wj = await letterGid('QS-WJ');
    let e = userError(await refused('qs-discipline', M.proposeVeto, { input: { letter: wj, period: 'YEAR_END', reason: '  ' } }), 'assessmentProposeVeto');
    expect(e).toMatchObject({ code: 'BAD_USER_INPUT', field: ['input', 'reason'] });
    const proposed = ok(await app.gql('qs-discipline', M.proposeVeto, { input: { letter: wj, period: 'YEAR_END', reason: '班子成员违反中央八项规定精神' } }), 'assessmentProposeVeto').assessment;
    expect(proposed).toMatchObject({ period: 'YEAR_END', year: YEAR, score: null, grade: null, vetoed: false, vetoProposed: true, vetoProposalReason: '班子成员违反中央八项规定精神', assessedDate: null, unit: { code: 'QS-WJ' }, letter: { status: 'PUBLISHED' } });
    // a second proposal updates the same row
    const again = ok(await app.gql('qs-discipline', M.proposeVeto, { input: { letter: wj, period: 'YEAR_END', reason: '补充理由' } }), 'assessmentProposeVeto').assessment;
    expect(again.id).toBe(proposed.id);
    expect(again.vetoProposalReason).toBe('补充理由');

    // the team sees the proposal on its supervised unit; the unit sees its own; ORG too
    for (const account of ['qs-team2', 'qs-org', 'qs-party']) {
      const r = await app.gql(account, 'query($id: ID!) { node(id: $id) { ... on Assessment { vetoProposed vetoProposalReason score } } }', { id: proposed.id });
      expect({ account, node: r.body.data.node }).toEqual({ account, node: { vetoProposed: true, vetoProposalReason: '补充理由', score: null } });
    }
    const t1 = await app.gql('qs-team1', 'query($id: ID!) { node(id: $id) { id } }', { id: proposed.id });
    expect(codes(t1)).toEqual(['NOT_FOUND']);

    // only DC proposes: PC, teams and units are refused by the rule table
    for (const account of ['qs-party', 'qs-team2', 'qs-finance', 'qs-org']) {
      const r = await refused(account, M.proposeVeto, { input: { letter: wj, period: 'HALF_YEAR', reason: 'x' } });
      expect({ account, codes: codes(r) }).toEqual({ account, codes: ['FORBIDDEN'] });
    }
    // not on a draft, not on an assessed period
    e = userError(await refused('qs-discipline', M.proposeVeto, { input: { letter: await letterGid('QS-ZR'), period: 'HALF_YEAR', reason: '理由' } }), 'assessmentProposeVeto');
    expect(e.code).toBe('CONFLICT');
    e = userError(await refused('qs-discipline', M.proposeVeto, { input: { letter: await letterGid('QS-CZ', YEAR - 1), period: 'YEAR_END', reason: '理由' } }), 'assessmentProposeVeto');
    expect(e.code).toBe('CONFLICT');

    // the party committee's year-end assessment fills the proposed row and applies the veto
    const v = await versionOf('responsibility_letter', wj);
    const end = ok(await app.gql('qs-party', M.assess, { input: { letter: wj, version: v, period: 'YEAR_END', score: 60, grade: 'POOR', vetoed: true, vetoReason: '一票否决：违反中央八项规定精神' } }), 'letterAssess').assessment;
    expect(end).toMatchObject({ id: proposed.id, score: 60, grade: 'POOR', vetoed: true, vetoReason: '一票否决：违反中央八项规定精神', vetoProposed: true, vetoProposalReason: '补充理由', assessedDate: TODAY, letter: { status: 'ASSESSED' } });
    expect((await app.sql('select count(*)::int as n from assessment where letter_id = (select id from responsibility_letter where unit_id = (select id from unit where code = $1) and year = $2)', ['QS-WJ', YEAR]))[0].n).toBe(1);
  });
});
