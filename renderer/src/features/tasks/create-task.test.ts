import { describe, expect, it } from 'vitest';
import { createInput, EMPTY_DRAFT, sortIssues } from './create-task';

const actor = { role: 'operator', id: 'operator', name: '值班员' } as const;

describe('createInput', () => {
  it('sends no cell, no place and no dispatch when none is given', () => {
    expect(createInput({ ...EMPTY_DRAFT, title: '路灯不亮', dispatch: true }, actor)).toEqual({
      source: 'manual',
      category: 'safety_hazard',
      severity: 'yellow',
      title: '路灯不亮',
      description: '',
      cellCode: null,
      place: null,
      actor,
    });
  });

  it('dispatches to the cell’s inspectors when asked and a cell is chosen', () => {
    const input = createInput({ ...EMPTY_DRAFT, title: 'x', cellCode: 'C1', place: ' 东门 ', dispatch: true }, actor);
    expect(input).toMatchObject({ cellCode: 'C1', place: '东门', dispatch: 'grid' });
  });
});

describe('sortIssues', () => {
  it('puts each issue at its field by the first part of its path, the rest apart', () => {
    expect(
      sortIssues([
        { path: 'title', message: 'too long' },
        { path: 'dispatch.0', message: 'bad id' },
        { path: 'title', message: 'second' },
        { path: '(root)', message: 'odd' },
      ]),
    ).toEqual({
      byField: { title: ['too long', 'second'], dispatch: ['bad id'] },
      other: [{ path: '(root)', message: 'odd' }],
    });
  });
});
