// A whole-number setting typed in a box, within bounds (see use-typed-number.ts for how typing works).
import { NumberInput, type NumberInputProps } from '@mantine/core';
import { useTypedNumber } from './use-typed-number';

export function NumberField({
  value,
  onChange,
  min,
  max,
  ...props
}: Omit<NumberInputProps, 'value' | 'onChange' | 'min' | 'max'> & {
  value: number;
  onChange: (value: number) => void;
  min: number;
  max: number;
}) {
  const typed = useTypedNumber(value, onChange, { min, max, integer: true });
  return (
    <NumberInput
      min={min}
      max={max}
      allowDecimal={false}
      allowNegative={min < 0}
      clampBehavior="blur"
      dir="ltr"
      {...props}
      value={typed.value}
      onChange={typed.onChange}
      onBlur={typed.onBlur}
    />
  );
}
