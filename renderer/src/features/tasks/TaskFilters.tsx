import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SEVERITY_TIERS, TASK_SOURCES, TASK_STATES, isOpen } from '../../../../electron/domain/task-lifecycle';
import type { GridIndex } from './grid-index';
import { activeFilterCount, BOARD_VIEWS, DEFAULT_FILTER, MAX_TEXT, toggle, type BoardFilter } from './task-filters';
import type { TaskWords } from './use-task-words';

/** Typing in the search box waits this long before the list is asked again. */
const TEXT_SETTLE_MS = 300;

interface TaskFiltersProps {
  filter: BoardFilter;
  grid: GridIndex;
  words: TaskWords;
  onChange: (change: Partial<BoardFilter>) => void;
}

/** Open / all, then township, cell, overdue and search, then states, severities and sources as check chips. */
export function TaskFilters({ filter, grid, words, onChange }: TaskFiltersProps) {
  const { t } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState(filter.text);
  /** The search text as the URL said it at the last render, and as this box last sent it. */
  const [shownText, setShownText] = useState(filter.text);
  const [sentText, setSentText] = useState<string | null>(null);
  if (shownText !== filter.text) {
    setShownText(filter.text);
    // the URL changed under the box (back, clear filters): show what it says now, unless it is what was typed
    if (filter.text !== sentText) setDraft(filter.text);
  }
  useEffect(() => {
    if (draft === filter.text) return;
    const timer = setTimeout(() => {
      setSentText(draft);
      onChange({ text: draft });
    }, TEXT_SETTLE_MS);
    return () => clearTimeout(timer);
  }, [draft, filter.text, onChange]);

  const states = filter.view === 'open' ? TASK_STATES.filter(isOpen) : TASK_STATES;
  const count = activeFilterCount(filter);
  return (
    <form
      className="tasks-filters"
      role="search"
      aria-label={t('tasks.filters.label')}
      onSubmit={(event) => {
        event.preventDefault();
        setSentText(draft);
        onChange({ text: draft });
      }}
      data-testid="task-filters"
    >
      <div className="tasks-filters__row">
        <div className="tasks-views" role="group" aria-label={t('tasks.views.label')}>
          {BOARD_VIEWS.map((view) => (
            <button
              key={view}
              type="button"
              className="tasks-chip"
              aria-pressed={filter.view === view}
              onClick={() => onChange({ view })}
              data-testid={`task-view-${view}`}
            >
              {t(`tasks.views.${view}`)}
            </button>
          ))}
        </div>
        <div className="tasks-field">
          <label htmlFor={`${id}-q`}>{t('tasks.filters.text')}</label>
          <input
            id={`${id}-q`}
            type="search"
            className="input"
            value={draft}
            maxLength={MAX_TEXT}
            placeholder={t('tasks.filters.textHint')}
            onChange={(event) => setDraft(event.target.value)}
            autoComplete="off"
            data-testid="task-filter-text"
          />
        </div>
        <div className="tasks-field">
          <label htmlFor={`${id}-township`}>{t('tasks.filters.township')}</label>
          <select
            id={`${id}-township`}
            className="select"
            value={filter.townshipCode}
            onChange={(event) => onChange({ townshipCode: event.target.value })}
            data-testid="task-filter-township"
          >
            <option value="">{t('tasks.filters.all')}</option>
            {grid.townships.map((unit) => (
              <option key={unit.code} value={unit.code}>
                {unit.name}
              </option>
            ))}
          </select>
        </div>
        <div className="tasks-field">
          <label htmlFor={`${id}-cell`}>{t('tasks.filters.cell')}</label>
          <select
            id={`${id}-cell`}
            className="select"
            value={filter.cellCode}
            onChange={(event) => onChange({ cellCode: event.target.value })}
            data-testid="task-filter-cell"
          >
            <option value="">{t('tasks.filters.all')}</option>
            {grid.cellsOf(filter.townshipCode).map((unit) => (
              <option key={unit.code} value={unit.code}>
                {unit.name}
              </option>
            ))}
          </select>
        </div>
        <label className="tasks-check tasks-check--chip">
          <input
            type="checkbox"
            checked={filter.overdue}
            onChange={(event) => onChange({ overdue: event.target.checked })}
            data-testid="task-filter-overdue"
          />
          <span>{t('tasks.filters.overdue')}</span>
        </label>
        <button
          type="button"
          className="button"
          disabled={count === 0}
          onClick={() => onChange({ ...DEFAULT_FILTER, view: filter.view })}
          data-testid="task-filter-clear"
        >
          {t('tasks.filters.clear', { count })}
        </button>
      </div>
      <div className="tasks-filters__row">
        <fieldset className="tasks-chips">
          <legend>{t('tasks.filters.state')}</legend>
          {states.map((state) => (
            <label key={state} className="tasks-check tasks-check--chip">
              <input
                type="checkbox"
                checked={filter.states.includes(state)}
                onChange={() => onChange({ states: toggle(filter.states, state, TASK_STATES) })}
                data-testid={`task-filter-state-${state}`}
              />
              <span>{words.state(state)}</span>
            </label>
          ))}
        </fieldset>
        <fieldset className="tasks-chips">
          <legend>{t('tasks.filters.severity')}</legend>
          {SEVERITY_TIERS.map((severity) => (
            <label key={severity} className="tasks-check tasks-check--chip">
              <input
                type="checkbox"
                checked={filter.severities.includes(severity)}
                onChange={() => onChange({ severities: toggle(filter.severities, severity, SEVERITY_TIERS) })}
                data-testid={`task-filter-severity-${severity}`}
              />
              <span className={`tasks-severity tasks-severity--${severity}`} aria-hidden="true" />
              <span>{words.severity(severity)}</span>
            </label>
          ))}
        </fieldset>
        <fieldset className="tasks-chips">
          <legend>{t('tasks.filters.source')}</legend>
          {TASK_SOURCES.map((source) => (
            <label key={source} className="tasks-check tasks-check--chip">
              <input
                type="checkbox"
                checked={filter.sources.includes(source)}
                onChange={() => onChange({ sources: toggle(filter.sources, source, TASK_SOURCES) })}
                data-testid={`task-filter-source-${source}`}
              />
              <span>{words.source(source)}</span>
            </label>
          ))}
        </fieldset>
      </div>
    </form>
  );
}
