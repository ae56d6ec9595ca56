/**
 * Which data-set class id is which model class, when measuring a model on a labelled folder. First match wins:
 *   1. an explicit map, `--class-map "0=fire,2=smoke"` (model label or class index on the right; unlisted ids
 *      are dropped);
 *   2. the data set's `names:` (data.yaml) matched to the model's labels case-insensitively (unmatched names are
 *      dropped: fire-8's "default" class; when none matches, every image is a negative for this model);
 *   3. the same class ids as the model.
 * Pure functions.
 */

export interface ClassMapping {
  /** data-set class id → model class index */
  toModel: Map<number, number>;
  source: 'class-map' | 'data.yaml names' | 'class ids';
  /** Data-set classes that are not measured, as "id (name)". */
  dropped: string[];
}

export type ClassMappingResult = { ok: true; mapping: ClassMapping } | { ok: false; message: string };

function modelIndex(modelClasses: readonly string[], target: string): number {
  if (/^\d+$/.test(target)) return Number(target) < modelClasses.length ? Number(target) : -1;
  return modelClasses.findIndex((c) => c.toLowerCase() === target.toLowerCase());
}

export function parseClassMapSpec(spec: string, modelClasses: readonly string[]): ClassMappingResult {
  const toModel = new Map<number, number>();
  for (const part of spec
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^(\d+)\s*[=:]\s*(.+)$/.exec(part);
    const target = m?.[2]?.trim() ?? '';
    const index = m ? modelIndex(modelClasses, target) : -1;
    if (!m || index < 0) {
      const why = m ? `the model has no class "${target}"` : 'expected "datasetId=label"';
      return { ok: false, message: `--class-map "${part}": ${why} (model classes: ${modelClasses.join(', ')})` };
    }
    toModel.set(Number(m[1]), index);
  }
  if (toModel.size === 0) return { ok: false, message: '--class-map maps no class' };
  return { ok: true, mapping: { toModel, source: 'class-map', dropped: [] } };
}

export function resolveClassMapping(
  modelClasses: readonly string[],
  names: readonly string[] | null,
  spec: string | undefined,
): ClassMappingResult {
  if (spec !== undefined) return parseClassMapSpec(spec, modelClasses);
  const toModel = new Map<number, number>();
  const dropped: string[] = [];
  if (names) {
    names.forEach((name, id) => {
      const index = modelIndex(modelClasses, name);
      if (index >= 0 && !/^\d+$/.test(name)) toModel.set(id, index);
      else dropped.push(`${id} (${name})`);
    });
    return { ok: true, mapping: { toModel, source: 'data.yaml names', dropped } };
  }
  modelClasses.forEach((_, i) => toModel.set(i, i));
  return { ok: true, mapping: { toModel, source: 'class ids', dropped } };
}
