import type { ReactNode } from 'react';
import { Notice } from './Notice';
import { Panel } from './Panel';

interface RolePlaceholderProps {
  title: ReactNode;
  summary: ReactNode;
  notice: ReactNode;
  plannedTitle: ReactNode;
  planned: readonly ReactNode[];
  testId: string;
  children?: ReactNode;
}

/** A role's screen before its tools exist: what the role does here, and nothing pretending to be data. */
export function RolePlaceholder({
  title,
  summary,
  notice,
  plannedTitle,
  planned,
  testId,
  children,
}: RolePlaceholderProps) {
  return (
    <div className="page" data-testid={testId}>
      <h1 className="page__title">{title}</h1>
      <p className="page__summary">{summary}</p>
      <Notice>{notice}</Notice>
      <Panel title={plannedTitle}>
        <ul className="plain-list">
          {planned.map((item, index) => (
            <li key={index}>{item}</li>
          ))}
        </ul>
      </Panel>
      {children}
    </div>
  );
}
