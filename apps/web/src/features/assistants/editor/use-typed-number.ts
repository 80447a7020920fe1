// A number box bound to a draft value: while someone types, the box may hold blank or half-written
// text ("", "0.", "-"); only a complete number within bounds reaches the draft, and leaving the box
// shows the draft's value again.
import { useState } from 'react';

export function useTypedNumber(
  value: number,
  onChange: (value: number) => void,
  { min, max, integer = false }: { min: number; max: number; integer?: boolean },
) {
  const [typed, setTyped] = useState<{ forValue: number; text: string | number } | null>(null);
  const shown = typed && typed.forValue === value ? typed.text : value;

  const change = (v: number | string) => {
    const n = typeof v === 'number' ? v : Number.parseFloat(v);
    if (v === '' || Number.isNaN(n) || n < min || n > max) {
      setTyped({ forValue: value, text: v });
      return;
    }
    const next = integer ? Math.round(n) : n;
    setTyped(next === value ? { forValue: value, text: v } : null);
    if (next !== value) onChange(next);
  };

  return { value: shown, onChange: change, onBlur: () => setTyped(null), reset: () => setTyped(null) };
}
