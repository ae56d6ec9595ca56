import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Notice } from '../../ui/Notice';
import type { GridIndex } from './grid-index';
import { TaskTable } from './TaskTable';
import type { TaskList } from './use-task-list';
import type { TaskWords } from './use-task-words';

interface TaskBoardListProps {
  list: TaskList;
  grid: GridIndex;
  words: TaskWords;
  selected: ReadonlySet<string>;
  /** Selected tasks among the rows loaded. */
  selectedCount: number;
  openId: string | null;
  onSelected: (next: ReadonlySet<string>) => void;
  onOpen: (id: string) => void;
  onBulk: () => void;
}

/** The list column of the board: the selection bar, the table, and how many rows there are and are loaded. */
export function TaskBoardList({
  list,
  grid,
  words,
  selected,
  selectedCount,
  openId,
  onSelected,
  onOpen,
  onBulk,
}: TaskBoardListProps) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [activeId, setActiveId] = useState<string | null>(null);
  const count = (value: number): string => value.toLocaleString(i18n.language);
  const toggle = (taskId: string): void => {
    const next = new Set(selected);
    if (!next.delete(taskId)) next.add(taskId);
    onSelected(next);
  };
  return (
    <section className="tasks-board__list" aria-labelledby={`${id}-title`}>
      <h2 className="sr-only" id={`${id}-title`}>
        {t('tasks.table.label')}
      </h2>
      <div className="tasks-bulkbar" data-testid="bulk-bar">
        <span data-testid="bulk-count">{t('tasks.bulk.selected', { count: selectedCount })}</span>
        <button
          type="button"
          className="button"
          disabled={selectedCount === 0}
          onClick={onBulk}
          data-testid="bulk-open"
        >
          {t('tasks.bulk.open')}
        </button>
        <button
          type="button"
          className="button"
          disabled={selected.size === 0}
          onClick={() => onSelected(new Set())}
          data-testid="bulk-clear"
        >
          {t('tasks.bulk.clear')}
        </button>
        <span className="tasks-bulkbar__keys">{t('tasks.table.keys')}</span>
      </div>
      {list.error ? (
        <ErrorNotice
          title={t('tasks.loadFailed')}
          codeLabel={t('error.code')}
          code={list.error.code}
          message={list.error.message}
          testId="task-list-error"
          action={
            <button type="button" className="button" onClick={list.refresh} disabled={list.busy}>
              {t('tasks.retry')}
            </button>
          }
        />
      ) : null}
      {list.loading ? (
        list.error ? null : (
          <Notice testId="task-loading">{t('tasks.loading')}</Notice>
        )
      ) : list.tasks.length === 0 ? (
        <Notice testId="task-empty">{t('tasks.empty')}</Notice>
      ) : (
        <TaskTable
          tasks={list.tasks}
          total={list.total}
          grid={grid}
          words={words}
          selected={selected}
          activeId={activeId}
          openId={openId}
          label={t('tasks.table.label')}
          onActive={setActiveId}
          onToggle={toggle}
          onToggleAll={(on) => onSelected(on ? new Set(list.tasks.map((task) => task.id)) : new Set())}
          onOpen={onOpen}
        />
      )}
      <footer className="tasks-board__foot">
        <span data-testid="task-count" aria-live="polite">
          {t('tasks.count', { total: count(list.total), loaded: count(list.tasks.length) })}
        </span>
        {list.more ? (
          <button
            type="button"
            className="button"
            onClick={list.loadMore}
            disabled={list.busy}
            data-testid="task-load-more"
          >
            {list.busy ? t('tasks.loadingMore') : t('tasks.loadMore')}
          </button>
        ) : null}
      </footer>
    </section>
  );
}
