import { describe, expect, it } from 'vitest';
import { auditAssignees, auditCommandOf, formatStamp, mediaUrl, refusalOf } from './task-format';

describe('refusalOf', () => {
  it('knows the stable refusal codes and nothing else', () => {
    expect(refusalOf({ reason: 'STALE' })).toBe('STALE');
    expect(refusalOf({ reason: 'STATE_NOT_ALLOWED' })).toBe('STATE_NOT_ALLOWED');
    expect(refusalOf({ reason: 'SOMETHING_NEW' })).toBeNull();
    expect(refusalOf({ reason: null })).toBeNull();
  });
});

describe('auditCommandOf and auditAssignees', () => {
  it('reads the command and the assignees of an audit entry', () => {
    expect(auditCommandOf({ command: 'report' })).toBe('report');
    expect(auditCommandOf({ command: 'reassign' })).toBe('reassign');
    expect(auditCommandOf({ command: 'teleport' })).toBeNull();
    expect(auditAssignees({ data: { assignees: ['WG-1', 3, 'WG-2'] } })).toEqual(['WG-1', 'WG-2']);
    expect(auditAssignees({ data: null })).toEqual([]);
  });
});

describe('formatStamp', () => {
  it('writes the local date and time to the second on a 24-hour clock', () => {
    const at = new Date(2025, 5, 1, 14, 3, 5);
    expect(formatStamp(at.toISOString(), 'zh-CN')).toBe('2025/06/01 14:03:05');
    expect(formatStamp('not a time', 'en')).toBe('not a time');
  });
});

describe('mediaUrl', () => {
  it('serves evidence from /media', () => {
    expect(mediaUrl('cam-1-20250601.jpg')).toBe('/media/cam-1-20250601.jpg');
  });
});
