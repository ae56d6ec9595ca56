/**
 * A labelled folder in YOLO format: `DIR/images/*.jpg|png|…`, `DIR/labels/<same name>.txt` with one box a line
 * (`class cx cy w h`, relative to the image), and optionally `DIR/data.yaml` with the class `names`. An image
 * without a label file, or with an empty one, has no object (a negative).
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { Box } from './types';

export const IMAGE_EXTENSIONS = ['.jpg', '.jpeg', '.png', '.bmp', '.webp'];

export interface YoloBox {
  classId: number;
  cx: number;
  cy: number;
  w: number;
  h: number;
}

export interface LabelledImage {
  /** File name inside images/ (unique within the folder). */
  imageId: string;
  imagePath: string;
  boxes: YoloBox[];
}

export interface YoloDataset {
  images: LabelledImage[];
  /** Class names from data.yaml, by data-set class id; null when there is none. */
  names: string[] | null;
  /** Label lines that could not be read, as "file:line: why". */
  problems: string[];
}

const DataYamlSchema = z.looseObject({
  names: z.union([z.array(z.string()), z.record(z.string(), z.string())]),
});

/** Reads `names:` from a data.yaml (a list, or a map from class id to name). */
export function parseDataYamlNames(text: string): string[] | null {
  const parsed = DataYamlSchema.safeParse(parseYaml(text));
  if (!parsed.success) return null;
  const names = parsed.data.names;
  if (Array.isArray(names)) return names;
  const out: string[] = [];
  for (const [k, v] of Object.entries(names)) if (/^\d+$/.test(k)) out[Number(k)] = v;
  return Array.from(out, (n) => n ?? '');
}

export function parseYoloLabels(text: string, file = 'labels'): { boxes: YoloBox[]; problems: string[] } {
  const boxes: YoloBox[] = [];
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const t = line.trim();
    if (t === '') return;
    const parts = t.split(/\s+/).map(Number);
    const [classId, cx, cy, w, h] = parts;
    const ok =
      parts.length === 5 &&
      Number.isInteger(classId) &&
      parts.every((v) => Number.isFinite(v)) &&
      (classId ?? -1) >= 0 &&
      (w ?? 0) > 0 &&
      (h ?? 0) > 0;
    if (ok) boxes.push({ classId: classId ?? 0, cx: cx ?? 0, cy: cy ?? 0, w: w ?? 0, h: h ?? 0 });
    else problems.push(`${file}:${i + 1}: not "class cx cy w h"`);
  });
  return { boxes, problems };
}

/** A relative YOLO box in pixels of a width × height image. */
export function yoloToBox(b: YoloBox, width: number, height: number): Box {
  return {
    x1: (b.cx - b.w / 2) * width,
    y1: (b.cy - b.h / 2) * height,
    x2: (b.cx + b.w / 2) * width,
    y2: (b.cy + b.h / 2) * height,
  };
}

async function readIfExists(path: string): Promise<string | null> {
  return existsSync(path) ? readFile(path, 'utf8') : null;
}

export async function readYoloDataset(dir: string): Promise<YoloDataset> {
  const imagesDir = join(dir, 'images');
  const files = (await readdir(imagesDir)).filter((f) => IMAGE_EXTENSIONS.includes(extname(f).toLowerCase())).sort();
  const problems: string[] = [];
  const images: LabelledImage[] = [];
  for (const f of files) {
    const labelFile = join(dir, 'labels', `${basename(f, extname(f))}.txt`);
    const text = await readIfExists(labelFile);
    const parsed = parseYoloLabels(text ?? '', labelFile);
    problems.push(...parsed.problems);
    images.push({ imageId: f, imagePath: join(imagesDir, f), boxes: parsed.boxes });
  }
  const yaml = (await readIfExists(join(dir, 'data.yaml'))) ?? (await readIfExists(join(dir, 'data.yml')));
  return { images, names: yaml === null ? null : parseDataYamlNames(yaml), problems };
}
