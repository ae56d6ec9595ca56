import { describe, expect, it } from 'vitest';
import { formatRtspUrl, maskRtspUrl, parseRtspUrl, withCredentials, type RtspUrl } from './rtsp-url';

function parsed(text: string): RtspUrl {
  const r = parseRtspUrl(text);
  if (!r.ok) throw new Error(r.message);
  return r.url;
}

describe('parseRtspUrl', () => {
  it('splits scheme, host, port, path and credentials', () => {
    expect(parsed('rtsp://admin:s3cret@192.168.1.64:8554/Streaming/Channels/101?transportmode=unicast')).toEqual({
      scheme: 'rtsp',
      host: '192.168.1.64',
      port: 8554,
      path: '/Streaming/Channels/101?transportmode=unicast',
      username: 'admin',
      password: 's3cret',
    });
  });

  it('fills in the default ports and a root path, and takes rtsps and IPv6 hosts', () => {
    expect(parsed('RTSP://Cam.Local')).toMatchObject({ scheme: 'rtsp', host: 'cam.local', port: 554, path: '/' });
    expect(parsed('rtsps://[::1]/live')).toMatchObject({ scheme: 'rtsps', host: '[::1]', port: 322 });
    expect(parsed('rtsp://cam/live')).toMatchObject({ username: null, password: null });
  });

  it('decodes percent-encoded credentials, including ":" and "@" in the password', () => {
    expect(parsed('rtsp://op%40centre:p%40ss%3Aw@cam/live')).toMatchObject({
      username: 'op@centre',
      password: 'p@ss:w',
    });
  });

  it('refuses other schemes, garbage and fragments with BAD_URL, without repeating the input', () => {
    const inputs = ['http://admin:s3cret@cam/live', 'hello s3cret', '', 'rtsp://', 'rtsp://cam/a#x', 'file:///x'];
    for (const text of inputs) {
      const r = parseRtspUrl(text);
      expect(r.ok, text).toBe(false);
      if (r.ok) continue;
      expect(r.code).toBe('BAD_URL');
      expect(r.message).not.toContain('s3cret');
    }
  });

  it('refuses a port outside the valid range', () => {
    expect(parseRtspUrl('rtsp://cam:70000/live').ok).toBe(false);
    expect(parseRtspUrl('rtsp://cam:0/live').ok).toBe(false);
  });
});

describe('formatRtspUrl', () => {
  const url = parsed('rtsp://op%40centre:p%40ss%3Aw@cam:8554/live?ch=1');

  it('masks the password for display', () => {
    expect(maskRtspUrl(url)).toBe('rtsp://op%40centre:***@cam:8554/live?ch=1');
  });

  it('writes the full URL back in a form that parses to the same camera', () => {
    expect(parsed(formatRtspUrl(url, { credentials: 'full' }))).toEqual(url);
  });

  it('leaves credentials out, or puts others in, and drops the default port', () => {
    const bare = withCredentials(parsed('rtsp://a:b@cam:554/live'), null, 'ignored');
    expect(formatRtspUrl(bare, { credentials: 'full' })).toBe('rtsp://cam/live');
    const other = withCredentials(bare, 'viewer', 'x y');
    expect(formatRtspUrl(other, { credentials: 'full' })).toBe('rtsp://viewer:x%20y@cam/live');
    expect(formatRtspUrl(other, { credentials: 'none' })).toBe('rtsp://cam/live');
  });
});
