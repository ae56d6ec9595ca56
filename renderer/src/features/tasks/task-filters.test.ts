import { describe, expect, it } from 'vitest';
import {
  activeFilterCount,
  changeFilter,
  DEFAULT_FILTER,
  filterParams,
  parseFilter,
  toggle,
  toListFilter,
  type BoardFilter,
} from './task-filters';

const parse = (query: string): BoardFilter => parseFilter(new URLSearchParams(query));

describe('parseFilter', () => {
  it('gives the default (open tasks, nothing else) for an empty query', () => {
    expect(parse('')).toEqual(DEFAULT_FILTER);
  });

  it('reads every filter, keeping known values in their canonical order, each once', () => {
    expect(
      parse(
        'view=all&township=330199101&cell=330199101001-01&state=closed,reported,reported&severity=blue,red' +
          '&source=hotline,video_ai&overdue=1&q=%E7%BA%A0%E7%BA%B7',
      ),
    ).toEqual({
      view: 'all',
      townshipCode: '330199101',
      cellCode: '330199101001-01',
      states: ['reported', 'closed'],
      severities: ['red', 'blue'],
      sources: ['video_ai', 'hotline'],
      overdue: true,
      text: '纠纷',
    });
  });

  it('drops unknown values, malformed codes and final states in the open view', () => {
    expect(
      parse('view=weird&township=a%20b&cell=%3Cx%3E&state=closed,handling,bogus&severity=green&overdue=yes'),
    ).toEqual({ ...DEFAULT_FILTER, states: ['handling'] });
  });

  it('cuts the search text to what the API takes', () => {
    expect(parse(`q=${'x'.repeat(150)}`).text).toHaveLength(100);
  });
});

describe('filterParams', () => {
  it('leaves the defaults out', () => {
    expect(filterParams(DEFAULT_FILTER).toString()).toBe('');
  });

  it('round-trips through parseFilter', () => {
    const filter: BoardFilter = {
      view: 'all',
      townshipCode: '330199201',
      cellCode: '',
      states: ['accepted', 'voided'],
      severities: ['yellow'],
      sources: ['manual'],
      overdue: true,
      text: '电线 裸露',
    };
    const query = filterParams(filter).toString();
    expect(query).toBe(
      'view=all&township=330199201&state=accepted%2Cvoided&severity=yellow&source=manual&overdue=1&q=%E7%94%B5%E7%BA%BF+%E8%A3%B8%E9%9C%B2',
    );
    expect(parse(query)).toEqual(filter);
  });
});

describe('changeFilter', () => {
  const townshipOf = (cell: string): string | null => (cell.startsWith('330199101') ? '330199101' : '330199201');

  it('drops a cell outside a newly chosen township, and keeps one inside it', () => {
    const inCell = { ...DEFAULT_FILTER, cellCode: '330199101001-01' };
    expect(changeFilter(inCell, { townshipCode: '330199201' }, townshipOf).cellCode).toBe('');
    expect(changeFilter(inCell, { townshipCode: '330199101' }, townshipOf).cellCode).toBe('330199101001-01');
    expect(changeFilter(inCell, { townshipCode: '' }, townshipOf).cellCode).toBe('330199101001-01');
  });

  it('drops closed and voided from the states when going back to open tasks', () => {
    const all = { ...DEFAULT_FILTER, view: 'all' as const, states: ['handling', 'closed'] as const };
    expect(changeFilter(all, { view: 'open' }).states).toEqual(['handling']);
  });
});

describe('toListFilter', () => {
  it('asks for open tasks by default', () => {
    expect(toListFilter(DEFAULT_FILTER)).toEqual({ open: true });
  });

  it('asks for every task in the all view', () => {
    expect(toListFilter({ ...DEFAULT_FILTER, view: 'all' })).toEqual({});
  });

  it('names the chosen states instead of the open flag, and passes the rest on', () => {
    expect(
      toListFilter({
        view: 'open',
        townshipCode: 't1',
        cellCode: 'c1',
        states: ['reported', 'handling'],
        severities: ['red'],
        sources: ['hotline'],
        overdue: true,
        text: '  火  ',
      }),
    ).toEqual({
      states: ['reported', 'handling'],
      townshipCode: 't1',
      cellCode: 'c1',
      severities: ['red'],
      sources: ['hotline'],
      overdue: true,
      text: '火',
    });
  });
});

describe('toggle and activeFilterCount', () => {
  it('flips a value and keeps the canonical order', () => {
    const all = ['a', 'b', 'c'] as const;
    expect(toggle(['c'], 'a', all)).toEqual(['a', 'c']);
    expect(toggle(['a', 'c'], 'a', all)).toEqual(['c']);
  });

  it('counts the filters beyond the tab', () => {
    expect(activeFilterCount(DEFAULT_FILTER)).toBe(0);
    expect(activeFilterCount({ ...DEFAULT_FILTER, view: 'all', overdue: true, text: ' x ', severities: ['red'] })).toBe(
      3,
    );
  });
});
