import type { ReactNode } from 'react';

export interface KeyValueItem {
  label: ReactNode;
  value: ReactNode;
  /** `data-testid` of the value, for tests that read it. */
  testId?: string;
  /** Paths, versions and other machine text: monospace and selectable as a whole. */
  mono?: boolean;
  /** Shown in the warning colour. */
  warn?: boolean;
}

/** Label/value pairs in two aligned columns. */
export function KeyValueList({ items }: { items: readonly KeyValueItem[] }) {
  return (
    <dl className="kv">
      {items.map((item, index) => (
        <div className="kv__row" key={index}>
          <dt className="kv__label">{item.label}</dt>
          <dd
            className={['kv__value', item.mono ? 'kv__value--mono' : '', item.warn ? 'kv__value--warn' : '']
              .filter(Boolean)
              .join(' ')}
            data-testid={item.testId}
          >
            {item.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
