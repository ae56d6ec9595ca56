/**
 * Form fields generated from the domain's zod schemas (bounds, defaults and `.describe()` texts), not written out
 * per field: the zones editor's rule parameters and the tuning screen's confirmation policy use the same
 * generator (`schemaFields`). The schedule is edited as text, one window a line. Pure.
 */
import { z } from 'zod';
import { CrowdingZoneSchema, LoiteringZoneSchema, RestrictedZoneSchema } from '../../../../electron/domain/zones';

export const RULE_KINDS = ['restricted', 'loitering', 'crowding'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

const SCHEMAS = { restricted: RestrictedZoneSchema, loitering: LoiteringZoneSchema, crowding: CrowdingZoneSchema };

export interface NumberField {
  key: string;
  min: number | null;
  max: number | null;
  integer: boolean;
  defaultValue: number | null;
  description: string;
  /** The schema lets the field out (no default): left empty, it is not sent. */
  optional: boolean;
}

/** An optional object inside a schema (e.g. a policy's growth check): on or off as a whole, with its numbers. */
export interface FieldGroup {
  key: string;
  description: string;
  fields: NumberField[];
}

/** Peels defaults and optionals off a field: the inner type, its numeric default, and whether it may be left out. */
function unwrapField(field: z.ZodType): { inner: z.ZodType; defaultValue: number | null; optional: boolean } {
  let inner = field;
  let defaultValue: number | null = null;
  let optional = false;
  while (inner instanceof z.ZodDefault || inner instanceof z.ZodOptional || inner instanceof z.ZodPrefault) {
    if (inner instanceof z.ZodDefault) {
      const value: unknown = inner.def.defaultValue;
      if (typeof value === 'number') defaultValue = value;
    } else if (inner instanceof z.ZodOptional) {
      optional = true;
    }
    inner = inner.unwrap() as z.ZodType;
  }
  return { inner, defaultValue, optional: optional && defaultValue === null };
}

/**
 * The numeric fields of an object schema with their bounds, default, description and whether they may be left
 * out, in the schema's order; optional nested objects come back as groups of their own numeric fields. Fields of
 * other types (literals, strings, lists) are left to the form that uses them.
 */
export function schemaFields(schema: z.ZodObject): { fields: NumberField[]; groups: FieldGroup[] } {
  const fields: NumberField[] = [];
  const groups: FieldGroup[] = [];
  const shape: Record<string, z.ZodType> = schema.shape;
  for (const [key, field] of Object.entries(shape)) {
    const description = field.description ?? '';
    const { inner, defaultValue, optional } = unwrapField(field);
    if (inner instanceof z.ZodObject) {
      groups.push({ key, description, fields: schemaFields(inner).fields });
      continue;
    }
    if (!(inner instanceof z.ZodNumber)) continue;
    fields.push({
      key,
      min: Number.isFinite(inner.minValue) ? inner.minValue : null,
      max: Number.isFinite(inner.maxValue) ? inner.maxValue : null,
      integer: inner.format !== null && inner.format.includes('int'),
      defaultValue,
      description: description || (inner.description ?? ''),
      optional,
    });
  }
  return { fields, groups };
}

/** The numeric parameters of a rule kind, with their bounds, default and description, in the schema's order. */
export function ruleFields(kind: RuleKind): NumberField[] {
  return schemaFields(SCHEMAS[kind]).fields;
}

/** Checks one value against its field: null when fine, else a short reason key and its figures. */
export function fieldProblem(
  field: NumberField,
  value: number,
): { key: 'notNumber' | 'notInteger' | 'tooSmall' | 'tooLarge'; limit?: number } | null {
  if (!Number.isFinite(value)) return { key: 'notNumber' };
  if (field.integer && !Number.isInteger(value)) return { key: 'notInteger' };
  if (field.min !== null && value < field.min) return { key: 'tooSmall', limit: field.min };
  if (field.max !== null && value > field.max) return { key: 'tooLarge', limit: field.max };
  return null;
}

export interface ScheduleWindowDraft {
  days?: number[];
  from: string;
  to: string;
}

/** A schedule as text: one window a line, `22:00-06:00`, with the weekdays in front when limited: `1,2,3 08:00-18:00`. */
export function formatSchedule(schedule: readonly ScheduleWindowDraft[] | undefined): string {
  return (schedule ?? []).map((w) => `${w.days ? `${w.days.join(',')} ` : ''}${w.from}-${w.to}`).join('\n');
}

/**
 * The text back into windows; blank text is no schedule (always active). Lines that do not read as a window
 * are reported by number (1-based); the times themselves are checked by the domain's schema on save.
 */
export function parseSchedule(text: string): { windows: ScheduleWindowDraft[] | undefined; badLines: number[] } {
  const windows: ScheduleWindowDraft[] = [];
  const badLines: number[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    const m = /^(?:([1-7](?:\s*,\s*[1-7])*)\s+)?(\d{1,2}:\d{2})\s*[-–~]\s*(\d{1,2}:\d{2})$/.exec(line);
    if (!m) {
      badLines.push(i + 1);
      return;
    }
    const pad = (t: string) => t.padStart(5, '0');
    const [, days, from = '', to = ''] = m;
    windows.push({
      ...(days ? { days: days.split(',').map((d) => Number(d.trim())) } : {}),
      from: pad(from),
      to: pad(to),
    });
  });
  return { windows: windows.length > 0 ? windows : undefined, badLines };
}
