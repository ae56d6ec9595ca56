import type { ReactNode } from 'react';

interface PanelProps {
  title: ReactNode;
  /** Controls shown at the right of the title bar. */
  actions?: ReactNode;
  testId?: string;
  children: ReactNode;
}

/** A titled block of a screen. */
export function Panel({ title, actions, testId, children }: PanelProps) {
  return (
    <section className="panel" data-testid={testId}>
      <header className="panel__head">
        <h2 className="panel__title">{title}</h2>
        {actions ? <div className="panel__actions">{actions}</div> : null}
      </header>
      <div className="panel__body">{children}</div>
    </section>
  );
}
