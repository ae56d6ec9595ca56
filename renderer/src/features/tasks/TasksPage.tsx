import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { TaskView } from '@contract/tasks-contract';
import { useApi } from '../../api/use-api';
import { useRequest } from '../../api/use-request';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { BulkReassignDialog } from './BulkReassignDialog';
import { CreateTaskDialog } from './CreateTaskDialog';
import { indexGrid } from './grid-index';
import { filterParams, toListFilter } from './task-filters';
import { TaskDetail } from './TaskDetail';
import { TaskFilters } from './TaskFilters';
import { TaskBoardList } from './TaskBoardList';
import { useBoardFilter } from './use-board-filter';
import { useTaskList } from './use-task-list';
import { useTaskWords } from './use-task-words';
import './tasks.css';

type Dialog = { kind: 'create' } | { kind: 'bulk'; tasks: readonly TaskView[] } | null;

/**
 * 任务看板: the duty operator's patrol tasks, soonest deadline first, filtered from the URL (so a view can be
 * bookmarked), with live countdowns, bulk re-assignment, a form for cases reported by hand and, at `#/tasks/:id`,
 * one task beside the list. Every change pushed by the engine shows without reloading.
 */
export function TasksPage() {
  const { t } = useTranslation();
  const api = useApi();
  const navigate = useNavigate();
  const { id: openId = null } = useParams();
  const words = useTaskWords();

  const gridRequest = useRequest('grid:get', {});
  const { reload: reloadGrid } = gridRequest;
  useEffect(() => api.subscribe('grid:changed', reloadGrid), [api, reloadGrid]);
  const grid = useMemo(() => indexGrid(gridRequest.data?.grid ?? null), [gridRequest.data]);
  const [filter, onFilter] = useBoardFilter(grid.townshipOfCell);
  const search = filterParams(filter).toString();

  const listFilter = useMemo(() => toListFilter(filter), [filter]);
  const list = useTaskList(listFilter);
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());
  const [dialog, setDialog] = useState<Dialog>(null);
  const [created, setCreated] = useState<TaskView | null>(null);
  const selectedTasks = list.tasks.filter((task) => selected.has(task.id));

  const open = useCallback(
    (id: string) => void navigate({ pathname: `/tasks/${encodeURIComponent(id)}`, search }),
    [navigate, search],
  );
  const close = useCallback(() => void navigate({ pathname: '/tasks', search }), [navigate, search]);

  return (
    <div className="page tasks-page" data-testid="page-tasks">
      <div className="page__head">
        <h1 className="page__title">{t('tasks.title')}</h1>
        <button
          type="button"
          className="button button--primary"
          onClick={() => setDialog({ kind: 'create' })}
          data-testid="task-new"
        >
          {t('tasks.new')}
        </button>
      </div>
      <TaskFilters filter={filter} grid={grid} words={words} onChange={onFilter} />
      {gridRequest.error ? (
        <ErrorNotice
          title={t('tasks.gridLoadFailed')}
          codeLabel={t('error.code')}
          code={gridRequest.error.code}
          message={gridRequest.error.message}
          testId="task-grid-error"
        />
      ) : null}
      {created ? (
        <div className="tasks-created" role="status" data-testid="task-created">
          <span>{t('tasks.created', { number: created.number, title: created.title })}</span>
          <button type="button" className="button" onClick={() => open(created.id)}>
            {t('tasks.openCreated')}
          </button>
          <button type="button" className="button" onClick={() => setCreated(null)}>
            {t('tasks.dismiss')}
          </button>
        </div>
      ) : null}
      <div className={openId === null ? 'tasks-board' : 'tasks-board tasks-board--detail'}>
        <TaskBoardList
          list={list}
          grid={grid}
          words={words}
          selected={selected}
          selectedCount={selectedTasks.length}
          openId={openId}
          onSelected={setSelected}
          onOpen={open}
          onBulk={() => setDialog({ kind: 'bulk', tasks: selectedTasks })}
        />
        {openId === null ? null : (
          <TaskDetail id={openId} grid={grid} words={words} onClose={close} onChanged={list.refresh} />
        )}
      </div>
      {dialog?.kind === 'create' ? (
        <CreateTaskDialog
          grid={grid}
          words={words}
          onClose={() => setDialog(null)}
          onCreated={(task) => {
            setDialog(null);
            setCreated(task);
            list.refresh();
          }}
        />
      ) : null}
      {dialog?.kind === 'bulk' ? (
        <BulkReassignDialog
          tasks={dialog.tasks}
          grid={grid}
          words={words}
          onClose={() => setDialog(null)}
          onFinished={(done) => {
            setSelected((current) => new Set([...current].filter((id) => !done.includes(id))));
            list.refresh();
          }}
        />
      ) : null}
    </div>
  );
}
