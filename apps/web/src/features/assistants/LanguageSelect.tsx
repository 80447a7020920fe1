// A searchable picker of the assistant's language, each named in the UI language.
import { Select, type SelectProps } from '@mantine/core';
import { useLanguageOptions } from './languages';

export function LanguageSelect({
  value,
  onChange,
  ...props
}: Omit<SelectProps, 'data' | 'value' | 'onChange'> & {
  value: string;
  onChange: (code: string) => void;
}) {
  const data = useLanguageOptions();
  return (
    <Select
      searchable
      allowDeselect={false}
      nothingFoundMessage="—"
      {...props}
      data={data}
      value={value}
      onChange={(code) => code && onChange(code)}
    />
  );
}
