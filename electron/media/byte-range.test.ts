import { describe, expect, it } from 'vitest';
import { contentRange, parseByteRange } from './byte-range';

describe('parseByteRange', () => {
  it('serves the whole file without a header, with another unit, with several ranges or bad syntax', () => {
    for (const header of [null, undefined, '', 'items=0-1', 'bytes=0-1,5-9', 'bytes=a-b', 'bytes=-', 'bytes=9-3']) {
      expect(parseByteRange(header, 1000)).toEqual({ kind: 'whole' });
    }
  });

  it('reads a closed range, an open one and one that runs past the end', () => {
    expect(parseByteRange('bytes=100-599', 1000)).toEqual({ kind: 'partial', start: 100, end: 599 });
    expect(parseByteRange('bytes=900-', 1000)).toEqual({ kind: 'partial', start: 900, end: 999 });
    expect(parseByteRange('bytes=900-5000', 1000)).toEqual({ kind: 'partial', start: 900, end: 999 });
    expect(parseByteRange('bytes=0-0', 1000)).toEqual({ kind: 'partial', start: 0, end: 0 });
  });

  it('reads a suffix range as the last bytes, all of them when longer than the file', () => {
    expect(parseByteRange('bytes=-200', 1000)).toEqual({ kind: 'partial', start: 800, end: 999 });
    expect(parseByteRange('bytes=-5000', 1000)).toEqual({ kind: 'partial', start: 0, end: 999 });
  });

  it('refuses a range that starts at or past the end, an empty suffix and any range of an empty file', () => {
    expect(parseByteRange('bytes=1000-', 1000)).toEqual({ kind: 'unsatisfiable' });
    expect(parseByteRange('bytes=1010-2000', 1000)).toEqual({ kind: 'unsatisfiable' });
    expect(parseByteRange('bytes=-0', 1000)).toEqual({ kind: 'unsatisfiable' });
    expect(parseByteRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
  });

  it('writes the Content-Range of a part and of a refusal', () => {
    expect(contentRange({ kind: 'partial', start: 100, end: 599 }, 1000)).toBe('bytes 100-599/1000');
    expect(contentRange({ kind: 'unsatisfiable' }, 1000)).toBe('bytes */1000');
    expect(contentRange({ kind: 'whole' }, 1000)).toBeNull();
  });
});
