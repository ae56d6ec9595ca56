import { describe, expect, it } from 'vitest';
import { redactDeep, redactText } from './redact';

describe('redactText', () => {
  it('masks the password of an RTSP URL and keeps the user', () => {
    expect(redactText('rtsp://admin:hunter2@192.168.1.64:554/Streaming/Channels/101')).toBe(
      'rtsp://admin:***@192.168.1.64:554/Streaming/Channels/101',
    );
  });

  it('masks passwords containing : and @', () => {
    expect(redactText('rtsp://admin:p@ss:w@rd@cam.local/live')).toBe('rtsp://admin:***@cam.local/live');
  });

  it('masks every URL in a longer message and other schemes too', () => {
    const text = 'failed rtsp://a:x1@h1/s then rtsps://b:y2@h2:322/s and http://c:z3@h3/';
    const out = redactText(text);
    expect(out).toBe('failed rtsp://a:***@h1/s then rtsps://b:***@h2:322/s and http://c:***@h3/');
    for (const secret of ['x1', 'y2', 'z3']) expect(out).not.toContain(secret);
  });

  it('masks password query parameters used by some cameras', () => {
    expect(redactText('rtsp://10.0.0.5/cam/realmonitor?channel=1&user=admin&password=s3cret&subtype=0')).toBe(
      'rtsp://10.0.0.5/cam/realmonitor?channel=1&user=admin&password=***&subtype=0',
    );
  });

  it('leaves URLs without a password unchanged', () => {
    for (const url of ['rtsp://cam.local:554/live', 'rtsp://admin@cam.local/live', 'plain text, a=b']) {
      expect(redactText(url)).toBe(url);
    }
  });
});

describe('redactDeep', () => {
  it('redacts nested strings and errors without mutating the input', () => {
    const input = {
      url: 'rtsp://u:pw@h/s',
      list: ['rtsp://u:pw2@h/s'],
      err: new Error('connect rtsp://u:pw3@h/s refused'),
    };
    const out = JSON.stringify(redactDeep(input));
    expect(out).not.toMatch(/pw[23]?@/);
    expect(out).toContain('rtsp://u:***@h/s');
    expect(input.url).toBe('rtsp://u:pw@h/s');
  });
});
