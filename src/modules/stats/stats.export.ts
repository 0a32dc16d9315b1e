import ExcelJS from 'exceljs';
import type { Statistics, StatFigure, StatisticsFile } from './stats.types';
import { StatisticsExportFormat } from './stats.types';

/** One line of the exported table: a label and the figures as the API displays them. */
export interface ExportLine {
  label: string;
  current: string;
  lastYear: string;
  change: string;
}

const FIGURES: [keyof Statistics, string][] = [
  ['cluesFound', '发现问题线索 (clues found)'],
  ['problemsFound', '发现问题 (problems found)'],
  ['fixedAtOnce', '立行立改 (fixed at once)'],
  ['beingFixed', '正在整改 (being fixed)'],
  ['waiting', '待整改 (waiting)'],
  ['completed', '已整改 (completed)'],
  ['peopleDisciplined', '给予党纪政务处分人数 (people given discipline)'],
  ['peopleHeldAccountable', '问责人数 (people held accountable)'],
  ['leadersHeldAccountable', '问责领导干部人数 (leaders held accountable)'],
  ['casesTransferredToJudiciary', '移送司法机关 (cases transferred to the judiciary)'],
  ['typicalCasesNamed', '点名道姓通报典型案例 (typical cases named in public)'],
  ['petitionsReceived', '受理信访举报 (petitions received)'],
  ['cluesVerified', '初核 (clues verified)'],
  ['casesFiled', '立案 (cases filed)'],
  ['casesConcluded', '结案 (cases concluded)'],
  ['peopleSanctioned', '处分人数 (people sanctioned)'],
];

const FORM_TERMS: Record<string, string> = { FIRST: '第一种形态', SECOND: '第二种形态', THIRD: '第三种形态', FOURTH: '第四种形态' };

const pct = (v: number | null) => (v == null ? '' : v.toFixed(1));
const line = (label: string, f: StatFigure): ExportLine => ({ label, current: f.display, lastYear: f.lastYearDisplay, change: pct(f.changePercent) });

/** The same figures the query returns, with the same masking, in display order. */
export function exportLines(s: Statistics): ExportLine[] {
  const lines: ExportLine[] = [];
  for (const [key, label] of FIGURES) {
    lines.push(line(label, s[key] as StatFigure));
    if (key === 'completed') {
      lines.push({ label: '清理问题资金（元） (money recovered, yuan)', current: s.moneyRecovered.value, lastYear: s.moneyRecovered.lastYear, change: pct(s.moneyRecovered.changePercent) });
    }
  }
  for (const f of s.fourForms) lines.push(line(`${FORM_TERMS[f.form]} (${f.form})`, f.figure));
  for (const k of s.bySanctionKind) lines.push(line(`处分种类 (kind) ${k.kind}`, k.figure));
  return lines;
}

const HEADER = ['指标 (figure)', '本期 (period)', '去年同期 (last year)', '同比% (year-on-year %)'];

function csvCell(v: string): string {
  // a leading formula character would be run by spreadsheet programs
  const safe = /^[=+\-@]/.test(v) && !/^-?\d/.test(v) ? `'${v}` : v;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export async function exportStatistics(s: Statistics, format: StatisticsExportFormat): Promise<StatisticsFile> {
  const lines = exportLines(s);
  const base = `statistics-${s.unit.code}-${s.period.from}-${s.period.to}${s.campaign ? `-campaign-${s.campaign.id}` : ''}`;
  const title = `${s.unit.name} ${s.period.from} ~ ${s.period.to}（去年同期 ${s.lastYearPeriod.from} ~ ${s.lastYearPeriod.to}）${s.campaign ? ` ${s.campaign.name}` : ''}`;
  if (format === StatisticsExportFormat.CSV) {
    const rows = [[title], HEADER, ...lines.map((l) => [l.label, l.current, l.lastYear, l.change])];
    const text = '\uFEFF' + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
    return { fileName: `${base}.csv`, mimeType: 'text/csv; charset=utf-8', contentBase64: Buffer.from(text, 'utf8').toString('base64') };
  }
  const wb = new ExcelJS.Workbook();
  wb.created = new Date(0);
  const ws = wb.addWorksheet('统计 (statistics)');
  ws.addRow([title]);
  ws.addRow(HEADER).font = { bold: true };
  for (const l of lines) {
    // numbers stay numbers so the workbook can be summed; "<3" stays text
    const num = (v: string) => (/^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v);
    ws.addRow([l.label, num(l.current), num(l.lastYear), l.change === '' ? null : Number(l.change)]);
  }
  ws.columns.forEach((c, i) => (c.width = i === 0 ? 48 : 16));
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  return { fileName: `${base}.xlsx`, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', contentBase64: buf.toString('base64') };
}
