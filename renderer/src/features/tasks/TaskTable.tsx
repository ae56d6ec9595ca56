import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TaskView } from '@contract/tasks-contract';
import { placeLabel, type GridIndex } from './grid-index';
import { countdownOf } from './task-countdown';
import { useClock } from './use-clock';
import type { TaskWords } from './use-task-words';

/** Fixed heights (px) of a row and of the sticky header row; the stylesheet sets the same. */
export const ROW_HEIGHT = 36;
const HEADER_HEIGHT = 34;
const PAGE_ROWS = 10;

interface TaskTableProps {
  tasks: readonly TaskView[];
  /** All tasks matching the filter (some may not be loaded yet). */
  total: number;
  grid: GridIndex;
  words: TaskWords;
  selected: ReadonlySet<string>;
  activeId: string | null;
  openId: string | null;
  label: string;
  onActive: (id: string) => void;
  onToggle: (id: string) => void;
  onToggleAll: (on: boolean) => void;
  onOpen: (id: string) => void;
}

/**
 * The board as a grid: only the rows in view are in the page, so thousands stay smooth. One row at a time is in
 * the tab order; ↑/↓ (and Home, End, Page Up, Page Down) move, Enter opens, Space selects.
 */
export function TaskTable({
  tasks,
  total,
  grid,
  words,
  selected,
  activeId,
  openId,
  label,
  onActive,
  onToggle,
  onToggleAll,
  onOpen,
}: TaskTableProps) {
  const { t } = useTranslation();
  const now = useClock();
  const scroller = useRef<HTMLDivElement>(null);
  // The app is not built with the React Compiler, so nothing memoises the virtualiser's functions behind its back.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: tasks.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    paddingStart: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    getItemKey: (index) => tasks[index]?.id ?? index,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0];
  const last = items.at(-1);
  const top = first ? first.start - HEADER_HEIGHT : 0;
  const bottom = last ? virtualizer.getTotalSize() - last.end : 0;
  const activeIndex = activeId === null ? -1 : tasks.findIndex((task) => task.id === activeId);
  const tabIndex = activeIndex >= 0 ? activeIndex : 0;
  const rendered = items.some((item) => item.index === tabIndex);

  /** Focus follows the active row once the scroll has brought it into the page. */
  const focusRow = useCallback((id: string, tries = 12) => {
    const row = scroller.current?.querySelector<HTMLElement>(`tr[data-task-id="${CSS.escape(id)}"]`);
    if (row) row.focus({ preventScroll: true });
    else if (tries > 0) requestAnimationFrame(() => focusRow(id, tries - 1));
  }, []);

  const moveTo = (index: number): void => {
    const target = tasks[Math.max(0, Math.min(tasks.length - 1, index))];
    if (target === undefined) return;
    onActive(target.id);
    virtualizer.scrollToIndex(tasks.indexOf(target), { align: 'auto' });
    focusRow(target.id);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.target instanceof HTMLInputElement && event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const at = activeIndex >= 0 ? activeIndex : 0;
    const current = tasks[at];
    const moves: Record<string, number> = {
      ArrowDown: at + 1,
      ArrowUp: at - 1,
      PageDown: at + PAGE_ROWS,
      PageUp: at - PAGE_ROWS,
      Home: 0,
      End: tasks.length - 1,
    };
    const move = moves[event.key];
    if (move !== undefined) {
      event.preventDefault();
      moveTo(move);
    } else if (event.key === 'Enter' && current) {
      event.preventDefault();
      onOpen(current.id);
    } else if (event.key === ' ' && current) {
      event.preventDefault();
      onToggle(current.id);
    }
  };

  // a row that scrolled out of the page cannot hold the focus: the scroller takes it, and gives it back on return
  useEffect(() => {
    const tabbable = tasks[tabIndex];
    if (rendered && tabbable && document.activeElement === scroller.current) focusRow(tabbable.id);
  }, [rendered, tabIndex, tasks, focusRow]);

  const allSelected = tasks.length > 0 && tasks.every((task) => selected.has(task.id));
  const someSelected = !allSelected && tasks.some((task) => selected.has(task.id));
  return (
    <div
      ref={scroller}
      className="tasks-table-scroll"
      tabIndex={rendered ? -1 : 0}
      onKeyDown={onKeyDown}
      onFocus={(event) => {
        const tabbable = tasks[tabIndex];
        if (event.target === scroller.current && tabbable && !rendered) {
          virtualizer.scrollToIndex(tabIndex, { align: 'auto' });
          focusRow(tabbable.id);
        }
      }}
      data-testid="task-table-scroll"
    >
      <table
        className="tasks-table"
        role="grid"
        aria-label={label}
        aria-rowcount={total + 1}
        aria-multiselectable="true"
        data-testid="task-table"
      >
        <colgroup>
          <col className="tasks-table__col-select" />
          <col className="tasks-table__col-number" />
          <col className="tasks-table__col-severity" />
          <col className="tasks-table__col-title" />
          <col className="tasks-table__col-category" />
          <col className="tasks-table__col-place" />
          <col className="tasks-table__col-state" />
          <col className="tasks-table__col-assignees" />
          <col className="tasks-table__col-countdown" />
          <col className="tasks-table__col-source" />
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            <th scope="col">
              <input
                type="checkbox"
                checked={allSelected}
                ref={(box) => {
                  if (box) box.indeterminate = someSelected;
                }}
                onChange={(event) => onToggleAll(event.target.checked)}
                aria-label={t('tasks.table.selectAll')}
                data-testid="task-select-all"
              />
            </th>
            <th scope="col">{t('tasks.table.number')}</th>
            <th scope="col">{t('tasks.table.severity')}</th>
            <th scope="col">{t('tasks.table.title')}</th>
            <th scope="col">{t('tasks.table.category')}</th>
            <th scope="col">{t('tasks.table.place')}</th>
            <th scope="col">{t('tasks.table.state')}</th>
            <th scope="col">{t('tasks.table.assignees')}</th>
            <th scope="col">{t('tasks.table.countdown')}</th>
            <th scope="col">{t('tasks.table.source')}</th>
          </tr>
        </thead>
        <tbody>
          {top > 0 ? <Spacer height={top} /> : null}
          {items.map((item) => {
            const task = tasks[item.index];
            if (task === undefined) return null;
            return (
              <TaskRow
                key={task.id}
                task={task}
                index={item.index}
                grid={grid}
                words={words}
                now={now}
                selected={selected.has(task.id)}
                tabbable={item.index === tabIndex}
                open={task.id === openId}
                onActive={onActive}
                onToggle={onToggle}
                onOpen={onOpen}
              />
            );
          })}
          {bottom > 0 ? <Spacer height={bottom} /> : null}
        </tbody>
      </table>
    </div>
  );
}

function Spacer({ height }: { height: number }) {
  return (
    <tr className="tasks-table__spacer" aria-hidden="true">
      <td colSpan={10} style={{ height }} />
    </tr>
  );
}

interface TaskRowProps {
  task: TaskView;
  index: number;
  grid: GridIndex;
  words: TaskWords;
  now: number;
  selected: boolean;
  tabbable: boolean;
  open: boolean;
  onActive: (id: string) => void;
  onToggle: (id: string) => void;
  onOpen: (id: string) => void;
}

const TaskRow = memo(function TaskRow({
  task,
  index,
  grid,
  words,
  now,
  selected,
  tabbable,
  open,
  onActive,
  onToggle,
  onOpen,
}: TaskRowProps) {
  const { t } = useTranslation();
  const countdown = countdownOf(task, now);
  const escalation = words.escalation(task.escalation);
  const place = placeLabel(task.place, grid) ?? words.none;
  const assignees = task.assignees.length > 0 ? words.list(task.assignees.map(grid.inspectorName)) : words.none;
  return (
    <tr
      className={open ? 'tasks-table__row tasks-table__row--open' : 'tasks-table__row'}
      tabIndex={tabbable ? 0 : -1}
      aria-rowindex={index + 2}
      aria-selected={selected}
      onFocus={(event) => {
        if (event.target === event.currentTarget) onActive(task.id);
      }}
      onClick={(event) => {
        if (event.target instanceof HTMLInputElement) return;
        onActive(task.id);
        onOpen(task.id);
      }}
      data-task-id={task.id}
      data-number={task.number}
      data-state={task.state}
      data-testid="task-row"
    >
      <td>
        <input
          type="checkbox"
          tabIndex={-1}
          checked={selected}
          onChange={() => onToggle(task.id)}
          aria-label={t('tasks.table.selectRow', { number: task.number, title: task.title })}
          data-testid="task-select"
        />
      </td>
      <td className="tasks-table__number" data-testid="task-number">
        {task.number}
      </td>
      <td title={words.severity(task.severity)}>
        <span className={`tasks-severity tasks-severity--${task.severity}`} aria-hidden="true" />
        <span data-testid="task-severity">{words.severityShort(task.severity)}</span>
      </td>
      <td className="tasks-table__title" title={task.title} data-testid="task-title">
        {task.title}
      </td>
      <td>{words.category(task.category)}</td>
      <td title={task.place.text ?? place} data-testid="task-place">
        {place}
      </td>
      <td>
        <span className={`tasks-state tasks-state--${task.state}`} data-testid="task-state">
          {words.state(task.state)}
        </span>
      </td>
      <td title={assignees} data-testid="task-assignees">
        {assignees}
      </td>
      <td>
        <span
          className={`tasks-countdown tasks-countdown--${countdown.tone}`}
          data-tone={countdown.tone}
          data-testid="task-countdown"
        >
          {words.countdown(countdown)}
        </span>
        {escalation === null ? null : (
          <span className={`tasks-escalation tasks-escalation--${task.escalation}`} data-testid="task-escalation">
            {escalation}
          </span>
        )}
      </td>
      <td>{words.source(task.source)}</td>
    </tr>
  );
});
