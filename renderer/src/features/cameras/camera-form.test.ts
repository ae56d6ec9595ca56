import { describe, expect, it } from 'vitest';
import { requests, type CameraView } from '@contract/contract';
import {
  emptyForm,
  formFromView,
  issuesByField,
  stripCredentials,
  toCreateInput,
  toTestInput,
  toUpdateInput,
  type CameraFormValues,
} from './camera-form';

const view: CameraView = {
  id: 'east-gate',
  name: '东门路口',
  gridCell: 'dc-01',
  source: 'stored',
  url: 'rtsp://admin:***@192.168.1.64/Streaming/Channels/102',
  recordUrl: 'rtsp://admin:***@192.168.1.64/Streaming/Channels/101',
  username: 'admin',
  hasPassword: true,
  enabled: true,
  position: { lat: 30.5, lon: 114.25 },
  headingDeg: 90,
  detect: { fps: 1.5, width: 800, height: 450 },
  status: null,
  pipeline: null,
  recording: null,
};

function filled(changes: Partial<CameraFormValues> = {}): CameraFormValues {
  return {
    ...emptyForm(),
    name: ' 东门路口 ',
    gridCell: 'dc-01',
    detectUrl: ' rtsp://192.168.1.64:554/ch1 ',
    ...changes,
  };
}

describe('stripCredentials', () => {
  it('removes the user name and masked password, and nothing else', () => {
    expect(stripCredentials('rtsp://admin:***@10.0.0.2:8554/live?x=1')).toBe('rtsp://10.0.0.2:8554/live?x=1');
    expect(stripCredentials('rtsps://user@[::1]/a')).toBe('rtsps://[::1]/a');
    expect(stripCredentials('rtsp://10.0.0.2/a@b')).toBe('rtsp://10.0.0.2/a@b');
    expect(stripCredentials('rtsp://10.0.0.2/a')).toBe('rtsp://10.0.0.2/a');
  });
});

describe('emptyForm', () => {
  it('starts a new camera with the detection defaults, enabled', () => {
    expect(emptyForm()).toMatchObject({ fps: '2', width: '640', height: '360', enabled: true, password: '' });
  });
});

describe('formFromView', () => {
  it('fills the form from a saved camera, with URLs without credentials and no password', () => {
    expect(formFromView(view)).toEqual({
      id: 'east-gate',
      name: '东门路口',
      gridCell: 'dc-01',
      detectUrl: 'rtsp://192.168.1.64/Streaming/Channels/102',
      recordUrl: 'rtsp://192.168.1.64/Streaming/Channels/101',
      username: 'admin',
      password: '',
      clearPassword: false,
      fps: '1.5',
      width: '800',
      height: '450',
      enabled: true,
      lat: '30.5',
      lon: '114.25',
      heading: '90',
    });
  });

  it('leaves absent optional values empty', () => {
    const form = formFromView({ ...view, recordUrl: null, username: null, position: null, headingDeg: null });
    expect(form).toMatchObject({ recordUrl: '', username: '', lat: '', lon: '', heading: '' });
  });
});

describe('toCreateInput', () => {
  it('maps a filled form to a valid cameras:create input', () => {
    const built = toCreateInput(
      filled({ username: 'admin', password: ' s3cret ', lat: '30', lon: '114', heading: '0' }),
    );
    expect(built).toEqual({
      ok: true,
      input: {
        name: '东门路口',
        gridCell: 'dc-01',
        detectUrl: 'rtsp://192.168.1.64:554/ch1',
        recordUrl: null,
        username: 'admin',
        password: ' s3cret ',
        detect: { fps: 2, width: 640, height: 360 },
        enabled: true,
        position: { lat: 30, lon: 114 },
        headingDeg: 0,
      },
    });
    if (built.ok) expect(requests['cameras:create'].input.safeParse(built.input).success).toBe(true);
  });

  it('sends the id only when one is given, and no password when it is empty', () => {
    const withoutId = toCreateInput(filled());
    expect(withoutId.ok && 'id' in withoutId.input).toBe(false);
    expect(withoutId.ok && 'password' in withoutId.input).toBe(false);
    const withId = toCreateInput(filled({ id: ' gate-2 ' }));
    expect(withId.ok && withId.input.id).toBe('gate-2');
  });

  it('refuses to send a camera without a name, grid cell or detect URL', () => {
    expect(toCreateInput({ ...emptyForm(), name: ' ' })).toEqual({
      ok: false,
      problems: [
        { path: 'name', problem: 'required' },
        { path: 'gridCell', problem: 'required' },
        { path: 'detectUrl', problem: 'required' },
      ],
    });
  });

  it('refuses numbers it cannot read, empty detection sizes and half a position', () => {
    expect(toCreateInput(filled({ fps: 'two', width: '', lat: '30' }))).toEqual({
      ok: false,
      problems: [
        { path: 'detect.fps', problem: 'number' },
        { path: 'detect.width', problem: 'required' },
        { path: 'position.lon', problem: 'bothCoordinates' },
      ],
    });
  });
});

describe('toUpdateInput', () => {
  it('keeps the stored password when the field is left empty', () => {
    const built = toUpdateInput('east-gate', formFromView(view));
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(built.input.id).toBe('east-gate');
    expect('password' in built.input.changes).toBe(false);
    expect(built.input.changes).toMatchObject({
      detectUrl: 'rtsp://192.168.1.64/Streaming/Channels/102',
      username: 'admin',
      detect: { fps: 1.5, width: 800, height: 450 },
      position: { lat: 30.5, lon: 114.25 },
    });
    expect(requests['cameras:update'].input.safeParse(built.input).success).toBe(true);
  });

  it('sends a new password, or null to clear it', () => {
    const changed = toUpdateInput('east-gate', { ...formFromView(view), password: 'new' });
    expect(changed.ok && changed.input.changes.password).toBe('new');
    const cleared = toUpdateInput('east-gate', { ...formFromView(view), password: 'ignored', clearPassword: true });
    expect(cleared.ok && cleared.input.changes.password).toBeNull();
  });

  it('clears the optional fields that were emptied', () => {
    const built = toUpdateInput('east-gate', { ...formFromView(view), recordUrl: ' ', lat: '', lon: '', heading: '' });
    expect(built.ok && built.input.changes).toMatchObject({ recordUrl: null, position: null, headingDeg: null });
  });
});

describe('toTestInput', () => {
  it('tests an unsaved camera by its URL and credentials', () => {
    expect(toTestInput(filled({ username: 'admin', password: 'pw' }), null)).toEqual({
      detectUrl: 'rtsp://192.168.1.64:554/ch1',
      username: 'admin',
      password: 'pw',
    });
  });

  it('tests a saved camera with the edited fields, using the stored password unless one is typed', () => {
    const form = formFromView(view);
    expect(toTestInput(form, 'east-gate')).toEqual({
      cameraId: 'east-gate',
      detectUrl: 'rtsp://192.168.1.64/Streaming/Channels/102',
      username: 'admin',
    });
    expect(toTestInput({ ...form, clearPassword: true }, 'east-gate').password).toBeNull();
    expect(toTestInput({ ...form, detectUrl: '' }, 'east-gate')).not.toHaveProperty('detectUrl');
  });
});

describe('issuesByField', () => {
  it('puts issues next to their fields, whatever the request they came from', () => {
    const { byField, other } = issuesByField([
      { path: 'detectUrl', message: 'not an RTSP URL' },
      { path: 'changes.detect.fps', message: 'too big' },
      { path: 'detect.fps', message: 'again' },
      { path: 'position', message: 'expected object' },
      { path: 'cameraId', message: 'unknown camera' },
      { path: '(root)', message: 'give cameraId or detectUrl' },
    ]);
    expect(byField).toEqual({
      detectUrl: ['not an RTSP URL'],
      'detect.fps': ['too big', 'again'],
      'position.lat': ['expected object'],
    });
    expect(other.map((issue) => issue.path)).toEqual(['cameraId', '(root)']);
  });
});
