/**
 * The confirmation policy form as data: its fields generated from the domain's policy schemas (bounds, defaults,
 * descriptions) by the same generator as the zones editor's, a draft of text values, and the draft back into a
 * policy checked by the domain's own schema, with each problem placed on its field. Pure.
 */
import {
  ConfirmationPolicySchema,
  MedianPolicySchema,
  WindowPolicySchema,
  type ConfirmationPolicy,
} from '../../../../electron/domain/confirmation';
import { fieldProblem, schemaFields, type FieldGroup, type NumberField } from '../zones/zone-fields';

export type PolicyKind = ConfirmationPolicy['kind'];

export function policyFields(kind: PolicyKind): { fields: NumberField[]; groups: FieldGroup[] } {
  return schemaFields(kind === 'median' ? MedianPolicySchema : WindowPolicySchema);
}

export interface PolicyDraft {
  kind: PolicyKind;
  /** Text of each number field by key; nested groups' fields as `<group>.<key>`. */
  values: Record<string, string>;
  /** Optional groups switched on. */
  groups: Record<string, boolean>;
}

export interface PolicyProblem {
  /** A field key (`threshold`, `growth.minAreaChange`) or `policy` for the whole. */
  field: string;
  key: 'notNumber' | 'notInteger' | 'tooSmall' | 'tooLarge' | 'keepAboveThreshold' | 'votesAboveN' | 'schema';
  limit?: number;
  /** The schema's message, for `schema` problems. */
  message?: string;
}

/** The schema's cross-field rules, by their message, as keys the screen words in its language. */
const RULES: Readonly<Record<string, PolicyProblem['key']>> = {
  'keepThreshold must not exceed threshold': 'keepAboveThreshold',
  'votes must not exceed n': 'votesAboveN',
};

/** A problem from a schema issue: one of the known rules, or the schema's own message. */
export function schemaProblem(field: string, message: string): PolicyProblem {
  const key = RULES[message];
  return key ? { field, key } : { field, key: 'schema', message };
}

export function draftOf(policy: ConfirmationPolicy): PolicyDraft {
  const { fields, groups } = policyFields(policy.kind);
  const record = policy as unknown as Record<string, unknown>;
  const values: Record<string, string> = {};
  const on: Record<string, boolean> = {};
  for (const f of fields) {
    const v = record[f.key];
    values[f.key] = typeof v === 'number' ? String(v) : '';
  }
  for (const g of groups) {
    const inner = record[g.key];
    on[g.key] = typeof inner === 'object' && inner !== null;
    for (const f of g.fields) {
      const v = on[g.key] ? (inner as Record<string, unknown>)[f.key] : f.defaultValue;
      values[`${g.key}.${f.key}`] = typeof v === 'number' ? String(v) : '';
    }
  }
  return { kind: policy.kind, values, groups: on };
}

function readField(
  field: NumberField,
  name: string,
  text: string | undefined,
  problems: PolicyProblem[],
): number | undefined {
  const trimmed = (text ?? '').trim();
  if (trimmed === '') {
    if (field.optional || field.defaultValue !== null) return undefined;
    problems.push({ field: name, key: 'notNumber' });
    return undefined;
  }
  const value = Number(trimmed);
  const problem = fieldProblem(field, value);
  if (problem) {
    problems.push({ field: name, ...problem });
    return undefined;
  }
  return value;
}

/** The draft as a policy the domain accepts, or the problems by field (nothing is sent then). */
export function policyOfDraft(draft: PolicyDraft): { policy: ConfirmationPolicy | null; problems: PolicyProblem[] } {
  const { fields, groups } = policyFields(draft.kind);
  const problems: PolicyProblem[] = [];
  const raw: Record<string, unknown> = { kind: draft.kind };
  for (const f of fields) {
    const v = readField(f, f.key, draft.values[f.key], problems);
    if (v !== undefined) raw[f.key] = v;
  }
  for (const g of groups) {
    if (!draft.groups[g.key]) continue;
    const inner: Record<string, number> = {};
    for (const f of g.fields) {
      const v = readField(f, `${g.key}.${f.key}`, draft.values[`${g.key}.${f.key}`], problems);
      if (v !== undefined) inner[f.key] = v;
    }
    raw[g.key] = inner;
  }
  if (problems.length > 0) return { policy: null, problems };
  const parsed = ConfirmationPolicySchema.safeParse(raw);
  if (parsed.success) return { policy: parsed.data, problems: [] };
  return {
    policy: null,
    problems: parsed.error.issues.map((i) => schemaProblem(i.path.length > 0 ? i.path.join('.') : 'policy', i.message)),
  };
}

/** Places a server's issue paths (`policy.threshold`) on the form's fields. */
export function issueField(path: string): string {
  return path.startsWith('policy.') ? path.slice('policy.'.length) : 'policy';
}
