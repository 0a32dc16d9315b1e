import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { DemoContext } from '../../seed/demo-context';
import { Role } from '../../authz/roles';
import { Account, AccountKind, RoleGrant } from '../accounts/account.entity';
import { Petition } from './petition.entity';
import { PetitionChannel, PetitionStatus } from './petition.enums';
import { sealReporter } from './reporter-crypto';
import { addWorkingDays } from './working-days';

/** The demo county's petitions (fictional people, fictional matters) and its petition office. */
export async function seedPetitions(em: EntityManager, demo: DemoContext): Promise<void> {
  const office = em.create(Account, { username: 'qs-petition-office', displayName: '青山县纪委监委信访室', kind: AccountKind.PERSON } as never);
  em.create(RoleGrant, { account: office, role: Role.PETITION_OFFICE, unit: demo.units.get('QS')!, grantedAt: new Date() } as never);
  const system = await em.findOne(Account, { username: 'qs-petition' });
  await em.flush();
  const cz = demo.units.get('QS-CZ')!;
  const official = demo.officials.get('QS-CZ')![0];
  const daysAgo = (n: number) => new Date(Date.parse(`${demo.today}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
  const rows = [
    { ext: 'QS-XF-0001', code: '4028173650912834', on: daysAgo(20), reporter: { name: '林小禾（虚构）', phone: '13800000000', identityNumber: null, address: '青山县东岭镇（虚构）' }, official: true, content: '反映财政局某负责人在专项资金拨付中优亲厚友，要求核查。（虚构）', status: PetitionStatus.REGISTERED },
    { ext: 'QS-XF-0002', code: '7310594862071345', on: daysAgo(3), reporter: null, official: false, content: '反映某单位公车私用，周末多次出现在景区停车场。（虚构）', status: PetitionStatus.RECEIVED },
    { ext: 'QS-XF-0003', code: '5920384716250938', on: daysAgo(2), reporter: null, official: false, content: '反映某单位公车私用，周末多次出现在景区停车场！（虚构）', status: PetitionStatus.RECEIVED },
  ];
  let firstAboutUnit: Petition | null = null;
  for (const r of rows) {
    const sealed = r.reporter ? sealReporter(r.reporter, `petition:${r.code}`) : null;
    const p: Petition = em.create(Petition, {
      systemAccountId: system?.id ?? null,
      externalId: r.ext,
      contentHash: createHash('sha256').update(r.ext).digest('hex'),
      channel: r.reporter ? PetitionChannel.HOTLINE_12388 : PetitionChannel.ONLINE,
      receivedAt: new Date(`${r.on}T02:00:00Z`),
      receivedOn: r.on,
      anonymous: !r.reporter,
      reporterKeyId: sealed?.keyId ?? null,
      reporterEnc: sealed?.enc ?? null,
      subjectOfficialId: r.official ? official.id : null,
      subjectUnitId: cz.id,
      subjectText: null,
      subjectUnresolved: false,
      content: r.content,
      unitId: cz.id,
      unitPath: cz.path,
      status: r.status,
      receiptCode: r.code,
      probableRepeatOfId: !r.official && firstAboutUnit ? firstAboutUnit.id : null,
      acceptDeadline: addWorkingDays(r.on, 5),
      acceptanceNoticeDeadline: r.reporter ? addWorkingDays(r.on, 15) : null,
      registeredOn: r.status === PetitionStatus.REGISTERED ? daysAgo(18) : null,
    } as never);
    await em.flush();
    if (!r.official && !firstAboutUnit) firstAboutUnit = p;
  }
}
