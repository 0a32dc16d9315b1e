import { describeEnum } from '../../common/enums';

export enum DispatchKind {
  REGULAR = 'REGULAR',
  ADDITIONAL = 'ADDITIONAL',
}
describeEnum(DispatchKind, 'DispatchKind', '派单类型 (kind of dispatch list)', {
  REGULAR: '按季派单 (regular quarterly list: one per leader and quarter)',
  ADDITIONAL: '适时增派单 (additional list: any time, several allowed)',
});

export enum DispatchStatus {
  DRAFT = 'DRAFT',
  ISSUED = 'ISSUED',
  CLOSED = 'CLOSED',
}
describeEnum(DispatchStatus, 'DispatchStatus', '派单状态 (status of a dispatch list): DRAFT → ISSUED → CLOSED', {
  DRAFT: '草拟 (draft): items may be added and edited; the leader does not see it yet',
  ISSUED: '已派发 (issued): items are fixed; the leader reports fulfilment per item until each deadline',
  CLOSED: '已办结 (closed by the issuer after the quarter): nothing changes any more',
});
