import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDataYamlNames, parseYoloLabels, readYoloDataset, yoloToBox } from './yolo-dataset';

describe('YOLO labels', () => {
  it('reads "class cx cy w h" lines, skips blank ones and reports bad ones', () => {
    const r = parseYoloLabels('0 0.5 0.5 0.2 0.4\n\n2 0.1 0.2 0.1 0.1\r\nfire 1 2 3 4\n1 0.5 0.5 0 0.1\n', 'x.txt');
    expect(r.boxes).toEqual([
      { classId: 0, cx: 0.5, cy: 0.5, w: 0.2, h: 0.4 },
      { classId: 2, cx: 0.1, cy: 0.2, w: 0.1, h: 0.1 },
    ]);
    expect(r.problems).toEqual(['x.txt:4: not "class cx cy w h"', 'x.txt:5: not "class cx cy w h"']);
  });

  it('turns relative boxes into pixels', () => {
    expect(yoloToBox({ classId: 0, cx: 0.5, cy: 0.5, w: 0.2, h: 0.4 }, 1000, 500)).toEqual({
      x1: 400,
      y1: 150,
      x2: 600,
      y2: 350,
    });
  });

  it('reads data.yaml names as a list or a map', () => {
    expect(parseDataYamlNames('names:\n- Fire\n- default\n- smoke\nnc: 3\n')).toEqual(['Fire', 'default', 'smoke']);
    expect(parseDataYamlNames('names:\n  0: person\n  2: car\n')).toEqual(['person', '', 'car']);
    expect(parseDataYamlNames('nc: 3\n')).toBeNull();
  });
});

describe('a labelled folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'anxun-yolo-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('pairs images with label files; an image without one is a negative', async () => {
    mkdirSync(join(dir, 'images'));
    mkdirSync(join(dir, 'labels'));
    for (const f of ['b.jpg', 'a.PNG', 'notes.txt']) writeFileSync(join(dir, 'images', f), '');
    writeFileSync(join(dir, 'labels', 'b.txt'), '1 0.5 0.5 0.5 0.5\n');
    writeFileSync(join(dir, 'data.yaml'), 'names: [fire, smoke]\n');
    const d = await readYoloDataset(dir);
    expect(d.images.map((i) => [i.imageId, i.boxes.length])).toEqual([
      ['a.PNG', 0],
      ['b.jpg', 1],
    ]);
    expect(d.names).toEqual(['fire', 'smoke']);
  });
});
