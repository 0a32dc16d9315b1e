import { ROW, readers, type TypeRules } from '../../authz/table';
import { UNIT_ROW_ROLES } from '../units/unit.rules';
import { OFFICIAL_ROW_ROLES } from '../officials/official.rules';
import { STATISTICS_READERS } from './stats.service';
import { IDENTITY_LOOKUP_ROLES } from './bulk.service';

const all = (...fields: string[]) => Object.fromEntries(fields.map((f) => [f, ROW]));
const FIGURE_FIELDS = ['value', 'display', 'lastYear', 'lastYearDisplay', 'changePercent'];

/**
 * Statistics are aggregates computed for the caller (scoped and masked in the service), so
 * their value types are classified ROW; the root fields carry the role check.
 */
export const statsRules: TypeRules[] = [
  {
    type: 'Statistics',
    fields: all(
      'unit', 'period', 'lastYearPeriod', 'campaign', 'masked', 'cluesFound', 'problemsFound', 'fixedAtOnce', 'beingFixed', 'waiting', 'completed',
      'moneyRecovered', 'peopleDisciplined', 'peopleHeldAccountable', 'leadersHeldAccountable', 'casesTransferredToJudiciary', 'typicalCasesNamed',
      'petitionsReceived', 'cluesVerified', 'casesFiled', 'casesConcluded', 'peopleSanctioned', 'fourForms', 'bySanctionKind',
    ),
  },
  { type: 'StatisticsPeriod', fields: all('from', 'to') },
  { type: 'StatFigure', fields: all(...FIGURE_FIELDS) },
  { type: 'MoneyFigure', fields: all('value', 'lastYear', 'changePercent') },
  { type: 'FourFormsFigure', fields: all('form', 'figure') },
  { type: 'SanctionKindFigure', fields: all('kind', 'figure') },
  { type: 'StatisticsFile', fields: all('fileName', 'mimeType', 'contentBase64') },
  { type: 'UnitLookup', fields: all('code', 'found', 'error', 'unit') },
  { type: 'OfficialLookup', fields: all('index', 'found', 'error', 'officials') },
  { type: 'OfficialChangeFeed', fields: all('nodes', 'nextCursor', 'hasMore') },
  {
    type: 'Query',
    fields: {
      statistics: readers(...STATISTICS_READERS),
      statisticsExport: readers(...STATISTICS_READERS),
      unitsByCodes: readers(...UNIT_ROW_ROLES),
      officialsByIdentityNumbers: readers(...IDENTITY_LOOKUP_ROLES),
      officialsChangedSince: readers(...OFFICIAL_ROW_ROLES),
    },
  },
];
