import { describe, expect, it } from 'vitest';
import { pairingCode, routeOf, taskHash } from './session';

describe('routeOf', () => {
  it('reads the pairing code, a task and the list from the address', () => {
    expect(routeOf('#pair=12345678')).toEqual({ kind: 'pair', code: '12345678' });
    expect(routeOf(taskHash('t_1 2'))).toEqual({ kind: 'task', id: 't_1 2' });
    expect(routeOf('')).toEqual({ kind: 'tasks' });
    expect(routeOf('#/')).toEqual({ kind: 'tasks' });
    expect(routeOf('#/task/')).toEqual({ kind: 'tasks' });
  });

  it('ignores a pairing fragment that is not a code', () => {
    expect(pairingCode('#pair=<script>')).toBeNull();
    expect(pairingCode('#pair=1234-5678')).toBe('1234-5678');
  });
});
