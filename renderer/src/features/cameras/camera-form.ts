/**
 * The camera form and the API, both ways: a `CameraView` into the form's text fields, and the fields into the
 * input of `cameras:create`, `cameras:update` and `cameras:test`. Pure: no React, no i18n.
 */
import type { CameraView, RequestInput } from '@contract/contract';
import type { Issue } from '@contract/result';

/** Detection defaults of a new camera, the same as the configuration's. */
export const DETECT_DEFAULTS = { fps: 2, width: 640, height: 360 } as const;

/**
 * The form's fields, named by their path in the API input so that an issue's `path` finds its field
 * (`detectUrl`, `detect.fps`, `position.lat`...).
 */
export const FIELDS = [
  'id',
  'name',
  'gridCell',
  'detectUrl',
  'recordUrl',
  'username',
  'password',
  'detect.fps',
  'detect.width',
  'detect.height',
  'enabled',
  'position.lat',
  'position.lon',
  'headingDeg',
] as const;
export type Field = (typeof FIELDS)[number];

/** What the form holds: text as typed, and the two check boxes. */
export interface CameraFormValues {
  /** Only for a new camera; empty lets the engine choose one. */
  id: string;
  name: string;
  gridCell: string;
  detectUrl: string;
  recordUrl: string;
  username: string;
  /** Never filled from the API: on an edit, empty keeps the stored password. */
  password: string;
  /** On an edit: remove the stored password (sends `password: null`). */
  clearPassword: boolean;
  fps: string;
  width: string;
  height: string;
  enabled: boolean;
  lat: string;
  lon: string;
  heading: string;
}

/** A field the form itself refused before anything was sent; the screen words it. */
export interface Problem {
  path: Field;
  problem: 'required' | 'number' | 'bothCoordinates';
}

export type Built<T> = { ok: true; input: T } | { ok: false; problems: Problem[] };

export type CreateInput = RequestInput<'cameras:create'>;
export type UpdateInput = RequestInput<'cameras:update'>;
export type TestInput = RequestInput<'cameras:test'>;

export function emptyForm(): CameraFormValues {
  return {
    id: '',
    name: '',
    gridCell: '',
    detectUrl: '',
    recordUrl: '',
    username: '',
    password: '',
    clearPassword: false,
    fps: String(DETECT_DEFAULTS.fps),
    width: String(DETECT_DEFAULTS.width),
    height: String(DETECT_DEFAULTS.height),
    enabled: true,
    lat: '',
    lon: '',
    heading: '',
  };
}

/**
 * Removes the user-info part (`user:***@`) of a URL. The API returns URLs with the user name and a masked
 * password in them; the form keeps credentials in their own fields and sends URLs without any.
 */
export function stripCredentials(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, '$1');
}

/** The form filled from a saved camera. The password stays empty: the API never returns it. */
export function formFromView(view: CameraView): CameraFormValues {
  return {
    id: view.id,
    name: view.name,
    gridCell: view.gridCell,
    detectUrl: stripCredentials(view.url),
    recordUrl: view.recordUrl === null ? '' : stripCredentials(view.recordUrl),
    username: view.username ?? '',
    password: '',
    clearPassword: false,
    fps: String(view.detect.fps),
    width: String(view.detect.width),
    height: String(view.detect.height),
    enabled: view.enabled,
    lat: view.position === null ? '' : String(view.position.lat),
    lon: view.position === null ? '' : String(view.position.lon),
    heading: view.headingDeg === null ? '' : String(view.headingDeg),
  };
}

type Fields = Omit<CreateInput, 'id'>;

/** The password part of an input: a new one, an explicit clear (null), or nothing (keep the stored one). */
function passwordOf(values: CameraFormValues, editing: boolean): { password?: string | null } {
  if (editing && values.clearPassword) return { password: null };
  return values.password === '' ? {} : { password: values.password };
}

function orNull(text: string): string | null {
  const trimmed = text.trim();
  return trimmed === '' ? null : trimmed;
}

/** Reads the form's fields; required text and numbers are checked here, everything else is left to the API. */
function readFields(values: CameraFormValues, editing: boolean): Built<Fields> {
  const problems: Problem[] = [];
  const number = (text: string, path: Field, required: boolean): number | null => {
    const trimmed = text.trim();
    if (trimmed === '') {
      if (required) problems.push({ path, problem: 'required' });
      return null;
    }
    const value = Number(trimmed);
    if (!Number.isFinite(value)) {
      problems.push({ path, problem: 'number' });
      return null;
    }
    return value;
  };

  const text = (value: string, path: Field): string => {
    const trimmed = value.trim();
    if (trimmed === '') problems.push({ path, problem: 'required' });
    return trimmed;
  };

  const name = text(values.name, 'name');
  const gridCell = text(values.gridCell, 'gridCell');
  const detectUrl = text(values.detectUrl, 'detectUrl');
  const fps = number(values.fps, 'detect.fps', true);
  const width = number(values.width, 'detect.width', true);
  const height = number(values.height, 'detect.height', true);
  const lat = number(values.lat, 'position.lat', false);
  const lon = number(values.lon, 'position.lon', false);
  const heading = number(values.heading, 'headingDeg', false);
  const latGiven = values.lat.trim() !== '';
  const lonGiven = values.lon.trim() !== '';
  if (latGiven !== lonGiven)
    problems.push({ path: latGiven ? 'position.lon' : 'position.lat', problem: 'bothCoordinates' });

  if (problems.length > 0 || fps === null || width === null || height === null) return { ok: false, problems };
  return {
    ok: true,
    input: {
      name,
      gridCell,
      detectUrl,
      recordUrl: orNull(values.recordUrl),
      username: orNull(values.username),
      ...passwordOf(values, editing),
      detect: { fps, width, height },
      enabled: values.enabled,
      position: lat !== null && lon !== null ? { lat, lon } : null,
      headingDeg: heading,
    },
  };
}

/** Input of `cameras:create`; an empty id is left out, for the engine to choose. */
export function toCreateInput(values: CameraFormValues): Built<CreateInput> {
  const fields = readFields(values, false);
  if (!fields.ok) return fields;
  const id = values.id.trim();
  return { ok: true, input: id === '' ? fields.input : { id, ...fields.input } };
}

/** Input of `cameras:update`: every field of the form, the password only when it changes. */
export function toUpdateInput(id: string, values: CameraFormValues): Built<UpdateInput> {
  const fields = readFields(values, true);
  if (!fields.ok) return fields;
  return { ok: true, input: { id, changes: fields.input } };
}

/**
 * Input of `cameras:test` for the form as it stands: the stream and credentials being edited, and for a saved
 * camera its id, so that the stored password is used while the password field is left empty.
 */
export function toTestInput(values: CameraFormValues, cameraId: string | null): TestInput {
  const detectUrl = values.detectUrl.trim();
  return {
    ...(cameraId === null ? {} : { cameraId }),
    ...(detectUrl === '' && cameraId !== null ? {} : { detectUrl }),
    username: orNull(values.username),
    ...passwordOf(values, cameraId !== null),
  };
}

const FIELD_SET: ReadonlySet<string> = new Set(FIELDS);

function isField(path: string): path is Field {
  return FIELD_SET.has(path);
}

/** An issue path as reported for a whole object, pointed at the first field of that object. */
const OBJECT_FIELDS: Readonly<Record<string, Field>> = {
  detect: 'detect.fps',
  position: 'position.lat',
  changes: 'name',
};

/**
 * Sorts an error's issues into those that belong to a field of the form and the rest. Paths of
 * `cameras:update` (`changes.detectUrl`) and of `cameras:test` (`cameraId` aside) are handled alike.
 */
export function issuesByField(issues: readonly Issue[]): {
  byField: Partial<Record<Field, string[]>>;
  other: Issue[];
} {
  const byField: Partial<Record<Field, string[]>> = {};
  const other: Issue[] = [];
  for (const issue of issues) {
    const path = issue.path.startsWith('changes.') ? issue.path.slice('changes.'.length) : issue.path;
    const field = isField(path) ? path : OBJECT_FIELDS[path];
    if (field === undefined) other.push(issue);
    else (byField[field] ??= []).push(issue.message);
  }
  return { byField, other };
}
