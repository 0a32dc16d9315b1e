import { describeEnum } from '../../common/enums';

export enum LetterStatus {
  DRAFT = 'DRAFT',
  SIGNED = 'SIGNED',
  PUBLISHED = 'PUBLISHED',
  ASSESSED = 'ASSESSED',
}
describeEnum(LetterStatus, 'LetterStatus', '责任书状态 (status of a responsibility letter): DRAFT → SIGNED → PUBLISHED → ASSESSED', {
  DRAFT: '草拟 (draft): items may be edited',
  SIGNED: '已签订 (signed): items are fixed, progress may be reported',
  PUBLISHED: '已公示 (published)',
  ASSESSED: '已考核 (assessed at year end)',
});

export enum ItemKind {
  MANDATORY = 'MANDATORY',
  SELF_CHOSEN = 'SELF_CHOSEN',
}
describeEnum(ItemKind, 'ItemKind', '责任事项类型 (kind of item)', {
  MANDATORY: '规定动作 (mandatory item)',
  SELF_CHOSEN: '自选动作 (self-chosen item)',
});

export enum AssessmentPeriod {
  HALF_YEAR = 'HALF_YEAR',
  YEAR_END = 'YEAR_END',
}
describeEnum(AssessmentPeriod, 'AssessmentPeriod', '考核期 (assessment period)', {
  HALF_YEAR: '半年考核 (half-year)',
  YEAR_END: '年终考核 (year-end)',
});

export enum Grade {
  EXCELLENT = 'EXCELLENT',
  GOOD = 'GOOD',
  FAIR = 'FAIR',
  POOR = 'POOR',
}
describeEnum(Grade, 'Grade', '等次 (grade)', {
  EXCELLENT: '好 / 优秀 (excellent)',
  GOOD: '较好 / 良好 (good)',
  FAIR: '一般 / 合格 (fair)',
  POOR: '差 / 不合格 (poor)',
});
