import { describe, expect, it } from 'vitest';
import { parseClassMapSpec, resolveClassMapping } from './class-map';

const fireSmoke = ['fire', 'smoke'];

describe('class mapping for measurements', () => {
  it("maps fire-8's data.yaml names by name, case-insensitively, dropping what the model lacks", () => {
    const r = resolveClassMapping(fireSmoke, ['Fire', 'default', 'smoke'], undefined);
    expect(r.ok && [...r.mapping.toModel]).toEqual([
      [0, 0],
      [2, 1],
    ]);
    expect(r.ok && r.mapping).toMatchObject({ source: 'data.yaml names', dropped: ['1 (default)'] });
  });

  it('uses an explicit map first, by label or class index', () => {
    const r = resolveClassMapping(fireSmoke, ['Fire', 'default', 'smoke'], '0=FIRE, 2:1');
    expect(r.ok && [...r.mapping.toModel]).toEqual([
      [0, 0],
      [2, 1],
    ]);
    expect(r.ok && r.mapping.source).toBe('class-map');
  });

  it('falls back to the same class ids without names', () => {
    const r = resolveClassMapping(fireSmoke, null, undefined);
    expect(r.ok && [...r.mapping.toModel]).toEqual([
      [0, 0],
      [1, 1],
    ]);
  });

  it('treats every image as a negative when no name is a model class', () => {
    const r = resolveClassMapping(fireSmoke, ['person'], undefined);
    expect(r.ok && r.mapping.toModel.size).toBe(0);
    expect(r.ok && r.mapping.dropped).toEqual(['0 (person)']);
  });

  it('refuses a map that names no model class or is not "id=label"', () => {
    expect(parseClassMapSpec('0=flame', fireSmoke)).toMatchObject({ ok: false });
    expect(parseClassMapSpec('fire', fireSmoke)).toMatchObject({ ok: false });
    expect(parseClassMapSpec('0=7', fireSmoke)).toMatchObject({ ok: false });
    expect(parseClassMapSpec(' , ', fireSmoke)).toMatchObject({ ok: false, message: '--class-map maps no class' });
  });
});
