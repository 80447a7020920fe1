// A progress bar that is one accessible progressbar (name, value and text on the same element), so tests
// and screen readers read it where it is drawn, including at 0 % when the coloured part has no width.
import { Progress, type MantineColor } from '@mantine/core';

export function ProgressBar({
  value,
  label,
  valueText,
  color,
  active,
  testId,
}: {
  value: number;
  label: string;
  valueText: string;
  color?: MantineColor;
  /** Stripes that move: work is going on even while the number stands still. */
  active?: boolean;
  testId: string;
}) {
  const rounded = Math.round(value);
  return (
    <Progress.Root
      size="md"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={rounded}
      aria-valuetext={valueText}
      data-testid={testId}
      data-value={rounded}
    >
      <Progress.Section value={active ? Math.max(rounded, 3) : rounded} color={color} animated={active} withAria={false} />
    </Progress.Root>
  );
}
