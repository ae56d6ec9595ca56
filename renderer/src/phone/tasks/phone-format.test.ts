import { describe, expect, it } from 'vitest';
import type { MeTask } from '@contract/inspector-contract';
import { phoneEn } from '../i18n/en';
import { phoneZhCN } from '../i18n/zh-CN';
import { localTime, mapLinks, sortByDeadline, timeLeftOf } from './phone-format';

const NOW = Date.parse('2026-03-01T08:00:00.000Z');

function task(overrides: Partial<MeTask>): MeTask {
  return {
    id: 't',
    number: 1,
    state: 'dispatched',
    open: true,
    category: 'fire',
    severity: 'red',
    title: '东门路口冒烟',
    description: '',
    place: { text: null, cellCode: null, cellName: null, position: null },
    createdAt: '2026-03-01T07:00:00.000Z',
    dueAt: '2026-03-01T09:00:00.000Z',
    stageDueAt: null,
    timeLeftS: 3600,
    overdue: false,
    accepted: false,
    actions: ['accept'],
    outcome: null,
    updatedAt: '2026-03-01T07:00:00.000Z',
    version: 1,
    ...overrides,
  };
}

describe('sortByDeadline', () => {
  it('puts open tasks first by deadline, then finished ones latest first', () => {
    const sorted = sortByDeadline([
      task({ id: 'late', dueAt: '2026-03-02T00:00:00.000Z' }),
      task({ id: 'closed-old', open: false, state: 'closed', updatedAt: '2026-02-01T00:00:00.000Z' }),
      task({ id: 'soon', dueAt: '2026-03-01T08:30:00.000Z' }),
      task({ id: 'closed-new', open: false, state: 'closed', updatedAt: '2026-02-20T00:00:00.000Z' }),
      task({ id: 'overdue', dueAt: '2026-03-01T07:00:00.000Z', overdue: true }),
    ]);
    expect(sorted.map((t) => t.id)).toEqual(['overdue', 'soon', 'late', 'closed-new', 'closed-old']);
  });
});

describe('timeLeftOf', () => {
  it('counts down in the normal tone while more than a quarter of the limit is left', () => {
    expect(timeLeftOf(task({}), NOW, phoneZhCN)).toEqual({ tone: 'normal', text: '剩余 01:00:00' });
  });

  it('turns amber under a quarter of the task’s own limit and red once overdue', () => {
    const created = '2026-03-01T06:20:00.000Z'; // a 2-hour limit with 20 minutes left
    expect(timeLeftOf(task({ createdAt: created, dueAt: '2026-03-01T08:20:00.000Z' }), NOW, phoneZhCN)).toEqual({
      tone: 'amber',
      text: '剩余 00:20:00',
    });
    // the same 20 minutes left of a 30-minute limit (a red-tier task made with a shorter one) is not amber yet
    const short = task({ createdAt: '2026-03-01T07:50:00.000Z', dueAt: '2026-03-01T08:20:00.000Z' });
    expect(timeLeftOf(short, NOW, phoneZhCN).tone).toBe('normal');
    expect(timeLeftOf(task({ dueAt: '2026-03-01T07:59:00.000Z' }), NOW, phoneEn)).toEqual({
      tone: 'red',
      text: '00:01:00 overdue',
    });
  });

  it('shows days for long limits, a pause while parked and nothing to count once finished', () => {
    const blue = task({ severity: 'blue', dueAt: '2026-03-03T09:30:00.000Z' });
    expect(timeLeftOf(blue, NOW, phoneZhCN).text).toBe('剩余 2 天 01:30:00');
    expect(timeLeftOf(task({ state: 'parked' }), NOW, phoneZhCN)).toEqual({ tone: 'paused', text: '挂账暂停' });
    expect(timeLeftOf(task({ state: 'closed', open: false }), NOW, phoneEn)).toEqual({
      tone: 'done',
      text: 'Finished',
    });
  });
});

describe('localTime', () => {
  it('writes the time in the zone of the phone', () => {
    const text = localTime('2026-03-01T08:05:00.000Z', 'en');
    const expected = new Date('2026-03-01T08:05:00.000Z').toLocaleTimeString('en', {
      hour: 'numeric',
      minute: '2-digit',
    });
    expect(text).toContain(expected);
  });
});

describe('mapLinks', () => {
  it('links Amap in Chinese, OpenStreetMap in English, and a geo: URI for the phone', () => {
    const zh = mapLinks({ lat: 30.1234567, lon: 120.5 }, '东门', 'zh-CN');
    expect(zh.web).toBe(
      'https://uri.amap.com/marker?position=120.500000,30.123457&name=%E4%B8%9C%E9%97%A8&coordinate=wgs84&callnative=1',
    );
    expect(zh.geo).toBe('geo:30.123457,120.500000?q=30.123457,120.500000(%E4%B8%9C%E9%97%A8)');
    expect(mapLinks({ lat: 1, lon: 2 }, 'x', 'en').web).toBe(
      'https://www.openstreetmap.org/?mlat=1.000000&mlon=2.000000#map=17/1.000000/2.000000',
    );
  });
});
