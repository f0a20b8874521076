import type { ComponentProps } from 'react';
import type { ExtraProps } from 'react-markdown';

/** Wide tables scroll sideways inside the reply instead of stretching the transcript. */
export function ScrollableTable({ children }: ComponentProps<'table'> & ExtraProps) {
  return (
    <div className="table-scroll">
      <table>{children}</table>
    </div>
  );
}
