import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadReportFixture } from '../../test/support/report-fixture';
import { openDatabase, type OpenedDatabase } from '../store/database';
import { reportToCsv } from './report-csv';
import { buildTaskReport } from './task-report';

const MARCH = { kind: 'month', date: '2026-03-01' } as const;
const savedTz = process.env.TZ;
let dir: string;
let opened: OpenedDatabase;
let now: number;

beforeAll(() => {
  process.env.TZ = 'Asia/Shanghai';
  dir = mkdtempSync(join(tmpdir(), 'anxun-report-csv-'));
  opened = openDatabase(join(dir, 'anxun.db'));
  now = loadReportFixture(opened.db).now;
});

afterAll(() => {
  opened.db.close();
  rmSync(dir, { recursive: true, force: true });
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

/** The CSV read back as Excel would: rows of cells, sections split on empty rows, keyed by their title. */
function readBack(csv: string): { rows: string[][]; sections: Map<string, string[][]> } {
  const rows = parse(csv, { bom: true, relax_column_count: true, skip_empty_lines: false });
  const sections = new Map<string, string[][]>();
  let current: string[][] | null = null;
  for (const row of rows) {
    if (row.length === 1 && row[0] === '') {
      current = null;
    } else if (current === null) {
      current = [];
      sections.set(row[0] ?? '', current);
    } else {
      current.push(row);
    }
  }
  return { rows, sections };
}

/** A section's rows as objects keyed by its header. */
function table(section: string[][] | undefined): Record<string, string>[] {
  const [header = [], ...body] = section ?? [];
  return body.map((row) => Object.fromEntries(header.map((h, i) => [h, row[i] ?? ''])));
}

describe('reportToCsv', () => {
  it('starts with a UTF-8 byte order mark, ends lines with CRLF and heads the columns in Chinese', () => {
    const csv = reportToCsv(buildTaskReport(opened.db, { period: MARCH }, now));
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.split('\r\n').length).toBe(csv.split('\n').length);
    const { rows, sections } = readBack(csv);
    expect(rows.slice(0, 6)).toEqual([
      ['安巡 巡查任务报表'],
      ['统计周期', '2026年3月'],
      ['起', '2026-03-01 00:00'],
      ['止（不含）', '2026-04-01 00:00'],
      ['范围', '全部'],
      ['生成时间', '2026-04-03 12:00'],
    ]);
    expect([...sections.keys()].slice(1)).toEqual([
      '总体',
      '按乡镇',
      '按网格',
      '按网格员',
      '超期未结任务（共 7 件，列出 7 件）',
      '误报（按摄像机）',
      '误报（按原因）',
    ]);
    const [overall] = table(sections.get('总体'));
    expect(overall).toMatchObject({
      任务数: '24',
      '状态：结案': '13',
      '状态：作废': '2',
      '类别：烟雾': '7',
      '来源：视频智能识别': '13',
      '等级：黄色': '11',
      结案率: '59.1%', // 13 / 22
      按期结案率: '76.9%', // 10 / 13
      '结案用时中位数（分钟）': '120',
      超期未结: '7',
      升级至乡镇: '7',
      升级至县: '3',
    });
  });

  it('writes every section: townships, cells, inspectors, overdue tasks and false alarms', () => {
    const { sections } = readBack(reportToCsv(buildTaskReport(opened.db, { period: MARCH }, now)));
    const townships = table(sections.get('按乡镇'));
    expect(townships.map((t) => [t['乡镇代码'], t['乡镇'], t['任务数'], t['结案率'], t['按期结案率']])).toEqual([
      ['bs', '白水镇', '10', '55.6%', '80.0%'],
      ['qs', '青山镇', '13', '66.7%', '75.0%'],
      ['（未指定）', '（未指定）', '1', '0.0%', ''], // nothing closed: no on-time rate
    ]);
    const cells = table(sections.get('按网格'));
    expect(cells.map((c) => [c['网格代码'], c['网格'], c['结案用时中位数（分钟）']])).toEqual([
      ['bs-ht-01', '荷塘村第一网格', '120'],
      ['bs-ht-02', '荷塘村第二网格', '1050'],
      ['bs-xx-09', 'bs-xx-09', ''],
      ['qs-dx-01', '东溪村第一网格', '90'],
      ['qs-dx-02', '东溪村第二网格', '2880'],
      ['qs-nl-01', '南岭村第一网格', ''],
      ['（未指定）', '（未指定）', ''],
    ]);
    const inspectors = table(sections.get('按网格员'));
    expect(inspectors.map((i) => [i['网格员'], i['任务数']])).toEqual([
      ['i-chen', '3'],
      ['李强', '6'],
      ['王芳', '8'],
      ['赵敏', '2'],
    ]);
    const overdue = table(sections.get('超期未结任务（共 7 件，列出 7 件）'));
    expect(overdue[0]).toEqual({
      任务编号: '1006',
      标题: '东溪水库边火点',
      状态: '处置',
      类别: '火情',
      等级: '红色',
      乡镇: '青山镇',
      网格: '东溪村第一网格',
      处置人: '王芳',
      上报时间: '2026-03-10 09:00',
      办结时限: '2026-03-10 11:00',
      '超期时长（小时）': '577',
      督办层级: '县级',
    });
    // a comma and quotes survive the round trip; a title Excel would run as a formula is defused
    expect(overdue[1]?.['标题']).toBe('河道垃圾堆积, "南桥"下');
    expect(overdue.map((t) => t['标题'])).toContain("'=路灯不亮（热线转办）");
    const cameras = table(sections.get('误报（按摄像机）'));
    expect(cameras[1]).toEqual({
      摄像机编号: 'cam-ht-01',
      摄像机: 'cam-ht-01',
      有处置结果: '3',
      误报: '2',
      误报率: '66.7%',
      '原因：灯光': '2',
      '原因：炊烟': '0',
      '原因：反光': '0',
      '原因：蒸汽': '0',
      '原因：夕阳': '0',
    });
    expect(table(sections.get('误报（按原因）'))).toEqual([
      { 原因: '灯光', 次数: '2', 占比: '33.3%' },
      { 原因: '炊烟', 次数: '1', 占比: '16.7%' },
      { 原因: '反光', 次数: '1', 占比: '16.7%' },
      { 原因: '蒸汽', 次数: '1', 占比: '16.7%' },
      { 原因: '夕阳', 次数: '1', 占比: '16.7%' },
    ]);
  });

  it('writes English headers with lang en, and names the scope', () => {
    const report = buildTaskReport(
      opened.db,
      { period: MARCH, scope: { townshipCode: 'bs', inspectorId: 'i-li' } },
      now,
    );
    const { rows, sections } = readBack(reportToCsv(report, { lang: 'en' }));
    expect(rows.slice(0, 6)).toEqual([
      ['Anxun patrol task report'],
      ['Period', '2026-03'],
      ['From', '2026-03-01 00:00'],
      ['To (excluded)', '2026-04-01 00:00'],
      ['Scope', 'township 白水镇 (bs); inspector 李强 (i-li)'],
      ['Generated at', '2026-04-03 12:00'],
    ]);
    expect([...sections.keys()].slice(1)).toEqual([
      'Overall',
      'By township',
      'By grid cell',
      'By inspector',
      'Overdue tasks (1 in all, 1 listed)',
      'False alarms by camera',
      'False alarms by reason',
    ]);
    // i-li in bs: 1015 1016 1024 closed on time, 1017 feedback (overdue)
    expect(table(sections.get('Overall'))[0]).toMatchObject({
      Tasks: '4',
      'state: closed': '3',
      'state: feedback': '1',
      'Closure rate': '75.0%',
      'On-time closure rate': '100.0%',
      'Median time to close (min)': '120', // 60 [120] 1980
      'source: video AI': '2',
    });
    expect(table(sections.get('Overdue tasks (1 in all, 1 listed)'))).toEqual([
      {
        'Task no.': '1017',
        Title: '荷塘污水外排',
        State: 'feedback',
        Category: 'environment',
        Severity: 'blue',
        Township: '白水镇',
        'Grid cell': '荷塘村第二网格',
        Assignees: '李强',
        'Reported at': '2026-03-18 10:00',
        'Due at': '2026-03-21 10:00',
        'Overdue by (h)': '314',
        Escalation: 'township',
      },
    ]);
    // 1015 (cam-ht-01, handled); 1024 has no camera
    expect(table(sections.get('False alarms by camera'))).toEqual([
      {
        'Camera id': 'cam-ht-01',
        Camera: 'cam-ht-01',
        'With outcome': '1',
        'False alarms': '0',
        'False-alarm rate': '0.0%',
      },
    ]);
    expect(table(sections.get('False alarms by reason'))).toEqual([]);
  });
});
