import type { EntityManager } from '@mikro-orm/postgresql';
import type { DemoContext } from '../../seed/demo-context';
import { Account } from '../accounts/account.entity';
import { IntegrityOpinion, IntegrityOpinionRequest } from './opinion.entity';
import { OpinionPurpose, OpinionStatus } from './opinion.enums';
import { OpinionService } from './opinion.service';

/**
 * The demo county's records of this module (fictional): one promotion request from the
 * organisation department about six officials, one for each outcome the records give
 * (objection until a date, permanent objection, case filed, preliminary verification,
 * talk or inquiry letter, no objection); two replies sent, one confirmed, the rest drafts.
 */
export async function seedOpinions(em: EntityManager, demo: DemoContext): Promise<void> {
  await em.flush();
  const org = await em.findOneOrFail(Account, { username: 'qs-org' });
  const dc = await em.findOneOrFail(Account, { username: 'qs-discipline' });
  const pick = (code: string, i: number) => demo.officials.get(code)![i];
  const officials = [pick('QS-CZ', 4), pick('QS-ZR', 2), pick('QS-DL-03', 1), pick('QS-XH-01', 0), pick('QS-WJ', 2), pick('QS-JY', 3)];
  const computed = await OpinionService.compute(em, officials.map((o) => o.id), demo.today);
  const request = em.create(IntegrityOpinionRequest, {
    purpose: OpinionPurpose.PROMOTION,
    requestedBy: org,
    requesterUnit: demo.units.get('QS')!,
    requestedOn: demo.today,
    note: '（虚构）2026年度科级干部拟提拔人选廉政意见征求',
    officialCount: officials.length,
  } as never);
  const sentAt = new Date();
  officials.forEach((o, i) => {
    const c = computed.get(o.id)!;
    const status = i === 0 || i === 5 ? OpinionStatus.SENT : i === 1 ? OpinionStatus.CONFIRMED : OpinionStatus.DRAFT;
    em.create(IntegrityOpinion, {
      request,
      official: o,
      unitPath: o.unitPath,
      status,
      answer: c.answer,
      reasonClass: c.reasonClass,
      influenceUntil: c.influenceUntil,
      computedAnswer: c.answer,
      computedReasonClass: c.reasonClass,
      computedInfluenceUntil: c.influenceUntil,
      amended: false,
      confirmedBy: status === OpinionStatus.DRAFT ? null : dc,
      confirmedAt: status === OpinionStatus.DRAFT ? null : sentAt,
      sentBy: status === OpinionStatus.SENT ? dc : null,
      sentAt: status === OpinionStatus.SENT ? sentAt : null,
    } as never);
  });
  await em.flush();
}
