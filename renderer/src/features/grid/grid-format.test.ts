import { describe, expect, it } from 'vitest';
import { gridOverview, MAX_IMPORT_BYTES, toBase64 } from './grid-format';

const answer = {
  grid: {
    units: [
      { code: 'T1', name: '城关镇', level: 'township' as const, parentCode: null },
      { code: 'V1', name: '东门社区', level: 'village' as const, parentCode: 'T1' },
      { code: 'V2', name: '西河村', level: 'village' as const, parentCode: 'T1' },
      { code: 'V2-01', name: '西河村第一网格', level: 'cell' as const, parentCode: 'V2' },
      { code: 'V1-02', name: '东门社区第二网格', level: 'cell' as const, parentCode: 'V1' },
      { code: 'V1-01', name: '东门社区第一网格', level: 'cell' as const, parentCode: 'V1' },
    ],
    inspectors: [
      { id: 'WG-1', name: '陈建国', phone: '13857100101', cells: ['V1-01', 'V1-02'], active: true },
      { id: 'WG-2', name: '王秀英', phone: '13857100102', cells: ['V1-01'], active: false },
    ],
  },
  cameras: [
    { id: 'gate', name: '东门', gridCell: 'V1-01', known: true },
    { id: 'old', name: '旧桥', gridCell: 'X-99', known: false },
  ],
};

describe('gridOverview', () => {
  it('lists cells by township, village and code, with who covers them and their cameras', () => {
    const overview = gridOverview(answer);
    expect(overview).toMatchObject({ townships: 1, villages: 2, inspectors: { active: 1, inactive: 1 } });
    expect(overview.cells.map((c) => c.code)).toEqual(['V1-01', 'V1-02', 'V2-01']);
    expect(overview.cells[0]).toEqual({
      code: 'V1-01',
      name: '东门社区第一网格',
      village: '东门社区',
      township: '城关镇',
      onDuty: ['陈建国'],
      offDuty: ['王秀英'],
      cameras: ['东门'],
    });
    expect(overview.cells[2]).toMatchObject({ onDuty: [], offDuty: [], cameras: [] });
  });

  it('names the cameras whose cell is not in the grid', () => {
    expect(gridOverview(answer).unassignedCameras).toEqual([{ id: 'old', name: '旧桥', gridCell: 'X-99' }]);
  });

  it('is empty for an empty grid', () => {
    expect(gridOverview({ grid: { units: [], inspectors: [] }, cameras: [] })).toMatchObject({
      townships: 0,
      cells: [],
      unassignedCameras: [],
    });
  });
});

describe('toBase64', () => {
  it('encodes bytes as standard base64, also past one chunk', () => {
    const decode = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
    const csv = new TextEncoder().encode('乡镇编码,网格');
    expect(toBase64(csv)).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(decode(toBase64(csv))).toEqual(csv);
    const big = new Uint8Array(100_000).map((_, i) => i % 251);
    expect(decode(toBase64(big))).toEqual(big);
    expect(toBase64(new Uint8Array([0xfb, 0xff]))).toBe('+/8=');
  });

  it('keeps files within the 4 MiB of base64 the API takes', () => {
    expect(Math.ceil(MAX_IMPORT_BYTES / 3) * 4).toBeLessThanOrEqual(4 * 1024 * 1024);
  });
});
