import { describe, expect, it } from 'vitest';
import { buildCommand, bulkCommandFor, commandsFor } from './task-commands';

const waiting = { extension: null };
const extension = { hours: 4, reason: '路远', by: 'WG-0101', at: '2025-06-01T08:00:00.000Z' };

describe('commandsFor', () => {
  it('offers the operator what the lifecycle allows in each state', () => {
    expect(commandsFor({ ...waiting, state: 'reported' }, 'operator')).toEqual(['accept', 'park', 'void', 'comment']);
    expect(commandsFor({ ...waiting, state: 'accepted' }, 'operator')).toEqual(['dispatch', 'park', 'void', 'comment']);
    expect(commandsFor({ ...waiting, state: 'handling' }, 'operator')).toEqual(['reassign', 'park', 'comment']);
    expect(commandsFor({ ...waiting, state: 'feedback' }, 'operator')).toEqual(['verify', 'comment']);
    expect(commandsFor({ ...waiting, state: 'verification' }, 'operator')).toEqual(['close', 'rework', 'comment']);
    expect(commandsFor({ ...waiting, state: 'parked' }, 'operator')).toEqual(['resume', 'void', 'comment']);
    expect(commandsFor({ ...waiting, state: 'closed' }, 'operator')).toEqual([]);
  });

  it('offers approve and reject only while an extension request waits', () => {
    expect(commandsFor({ state: 'dispatched', extension }, 'operator')).toEqual([
      'reassign',
      'approve_extension',
      'reject_extension',
      'park',
      'comment',
    ]);
  });

  it('follows the role: an inspector gets only comments from this list', () => {
    expect(commandsFor({ ...waiting, state: 'handling' }, 'inspector')).toEqual(['comment']);
  });
});

describe('bulkCommandFor', () => {
  it('reassigns tasks being worked and dispatches tasks waiting at the centre', () => {
    expect(bulkCommandFor('dispatched')).toBe('reassign');
    expect(bulkCommandFor('handling')).toBe('reassign');
    expect(bulkCommandFor('accepted')).toBe('dispatch');
    expect(bulkCommandFor('returned')).toBe('dispatch');
    expect(bulkCommandFor('reported')).toBeNull();
    expect(bulkCommandFor('closed')).toBeNull();
  });
});

describe('buildCommand', () => {
  const empty = { text: '  ', assignees: [] };

  it('waits for what a command needs', () => {
    expect(buildCommand('dispatch', empty)).toBeNull();
    expect(buildCommand('void', empty)).toBeNull();
    expect(buildCommand('comment', empty)).toBeNull();
  });

  it('makes the command the contract takes, the text trimmed', () => {
    expect(buildCommand('accept', empty)).toEqual({ type: 'accept' });
    expect(buildCommand('verify', { text: ' 已核实 ', assignees: [] })).toEqual({ type: 'verify', note: '已核实' });
    expect(buildCommand('reassign', { text: '', assignees: ['WG-0101'] })).toEqual({
      type: 'reassign',
      assignees: ['WG-0101'],
    });
    expect(buildCommand('park', { text: ' 等待供电部门 ', assignees: [] })).toEqual({
      type: 'park',
      reason: '等待供电部门',
    });
    expect(buildCommand('comment', { text: '已电话联系', assignees: [] })).toEqual({
      type: 'comment',
      note: '已电话联系',
    });
  });
});
