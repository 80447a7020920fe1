// A number setting as a slider and a box to type the exact value, with a label and a plain-words
// explanation.
import { Group, Input, NumberInput, Slider } from '@mantine/core';
import { useId } from 'react';
import { useTypedNumber } from './use-typed-number';

export function SliderField({
  label,
  description,
  value,
  onChange,
  min,
  max,
  step,
  integer = false,
  error,
  disabled,
  testId,
}: {
  label: string;
  description?: string;
  value: number;
  onChange: (value: number) => void;
  min: number;
  max: number;
  step: number;
  integer?: boolean;
  error?: string;
  disabled?: boolean;
  testId?: string;
}) {
  const id = useId();
  const typed = useTypedNumber(value, onChange, { min, max, integer });
  const decimals = integer ? 0 : Math.max(0, -Math.floor(Math.log10(step)));

  return (
    <Input.Wrapper label={label} description={description} error={error} id={id}>
      <Group wrap="nowrap" gap="md" mt={6} align="center">
        <Slider
          style={{ flex: 1 }}
          min={min}
          max={max}
          step={step}
          value={value}
          onChange={(v) => {
            typed.reset();
            onChange(integer ? Math.round(v) : Number(v.toFixed(decimals)));
          }}
          thumbLabel={label}
          disabled={disabled}
          label={(v) => v.toFixed(decimals)}
          data-testid={testId ? `${testId}-slider` : undefined}
        />
        <NumberInput
          id={id}
          w={112}
          min={min}
          max={max}
          step={step}
          decimalScale={integer ? 0 : Math.max(decimals, 2)}
          allowDecimal={!integer}
          allowNegative={min < 0}
          clampBehavior="blur"
          value={typed.value}
          onChange={typed.onChange}
          onBlur={typed.onBlur}
          disabled={disabled}
          error={Boolean(error)}
          dir="ltr"
          data-testid={testId}
        />
      </Group>
    </Input.Wrapper>
  );
}
