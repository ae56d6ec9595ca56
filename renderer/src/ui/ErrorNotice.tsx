import type { ReactNode } from 'react';

interface ErrorNoticeProps {
  title: ReactNode;
  codeLabel: ReactNode;
  code: string;
  message: string;
  issues?: readonly { path: string; message: string }[];
  action?: ReactNode;
  testId?: string;
}

/** An error as the API reported it: its stable code, its message and the input issues if any. */
export function ErrorNotice({ title, codeLabel, code, message, issues = [], action, testId }: ErrorNoticeProps) {
  return (
    <div className="notice notice--error" role="alert" data-testid={testId}>
      <div className="notice__title">{title}</div>
      <div className="notice__detail">
        <span className="notice__code-label">{codeLabel}</span> <code data-testid="error-code">{code}</code>
        <span className="notice__message" data-testid="error-message">
          {message}
        </span>
      </div>
      {issues.length > 0 ? (
        <ul className="notice__issues">
          {issues.map((issue, index) => (
            <li key={index}>
              <code>{issue.path}</code> {issue.message}
            </li>
          ))}
        </ul>
      ) : null}
      {action ? <div className="notice__action">{action}</div> : null}
    </div>
  );
}
