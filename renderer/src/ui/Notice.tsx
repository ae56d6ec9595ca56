import type { ReactNode } from 'react';

/** A quiet one-line message: loading, empty, or a note about the page. */
export function Notice({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <p className="notice" data-testid={testId} role="status">
      {children}
    </p>
  );
}
