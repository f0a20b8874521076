import { useId } from 'react';
import { LabelledField, type FieldControlProps } from '../settings/Field';

export type CompareControlProps = FieldControlProps;

/** A labelled field of the compare form; ids are the view's own, so they never clash with the settings editor's. */
export function CompareField(props: Omit<Parameters<typeof LabelledField>[0], 'id'>) {
  return <LabelledField id={useId()} {...props} />;
}
