import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GridIndex, InspectorView } from './grid-index';

interface InspectorPickerProps {
  grid: GridIndex;
  selected: readonly string[];
  onChange: (ids: string[]) => void;
  /** Inspectors covering these cells are listed first, as the likely choice. */
  preferredCells: readonly string[];
  legend: string;
}

/** Inspectors of the grid as check boxes, those of the task's cells first, with a name filter for large grids. */
export function InspectorPicker({ grid, selected, onChange, preferredCells, legend }: InspectorPickerProps) {
  const { t } = useTranslation();
  const id = useId();
  const [query, setQuery] = useState('');
  const covers = (person: InspectorView): boolean => person.cells.some((cell) => preferredCells.includes(cell));
  const needle = query.trim().toLowerCase();
  const shown = grid.inspectors
    .filter(
      (person) =>
        needle === '' ||
        selected.includes(person.id) ||
        person.name.toLowerCase().includes(needle) ||
        person.id.toLowerCase().includes(needle),
    )
    .sort((a, b) => Number(covers(b)) - Number(covers(a)));
  const toggle = (personId: string, on: boolean): void =>
    onChange(on ? [...selected, personId] : selected.filter((item) => item !== personId));

  return (
    <fieldset className="tasks-picker" data-testid="inspector-picker">
      <legend>{legend}</legend>
      <label className="tasks-picker__search" htmlFor={`${id}-q`}>
        <span>{t('tasks.picker.search')}</span>
        <input
          id={`${id}-q`}
          type="search"
          className="input"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          autoComplete="off"
        />
      </label>
      {grid.inspectors.length === 0 ? <p className="tasks-muted">{t('tasks.picker.noInspectors')}</p> : null}
      <ul className="tasks-picker__list">
        {shown.map((person) => (
          <li key={person.id}>
            <label className="tasks-check">
              <input
                type="checkbox"
                checked={selected.includes(person.id)}
                onChange={(event) => toggle(person.id, event.target.checked)}
                data-testid={`inspector-option-${person.id}`}
              />
              <span>{t('tasks.picker.option', { name: person.name, id: person.id })}</span>
              {covers(person) ? <span className="tasks-tag">{t('tasks.picker.covers')}</span> : null}
              {person.active ? null : <span className="tasks-tag tasks-tag--muted">{t('tasks.picker.offDuty')}</span>}
              <span className="tasks-muted tasks-picker__cells">
                {person.cells.map((cell) => grid.unitName(cell) ?? cell).join(t('tasks.listSeparator'))}
              </span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
