import type { InputHTMLAttributes } from 'react';
import { Field, type FieldChromeProps } from './Field';

export type TextFieldProps = FieldChromeProps &
  Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'className'> & {
    inputClassName?: string;
  };

export function TextField({ label, hint, error, required, className, inputClassName, ...input }: TextFieldProps) {
  return (
    <Field label={label} hint={hint} error={error} required={required} className={className}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          className={['input', inputClassName].filter(Boolean).join(' ')}
          required={required}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          {...input}
        />
      )}
    </Field>
  );
}
