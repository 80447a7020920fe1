// One chart with its title and its text alternative: the drawing is hidden from screen readers, which
// read a table of the same figures instead (visually hidden).
import { Card, Table, Title, VisuallyHidden } from '@mantine/core';
import type { ReactNode } from 'react';

export interface ChartColumn<Row> {
  label: string;
  value: (row: Row) => string;
}

export function ChartCard<Row>({
  title,
  rows,
  rowLabel,
  rowKey,
  columns,
  children,
  testId,
}: {
  title: string;
  rows: readonly Row[];
  rowLabel: { label: string; value: (row: Row) => string };
  rowKey: (row: Row) => string;
  columns: readonly ChartColumn<Row>[];
  children: ReactNode;
  testId?: string;
}) {
  return (
    <Card withBorder padding="md" component="figure" m={0} data-testid={testId}>
      <figcaption>
        <Title order={3} size="h5" mb="sm">
          {title}
        </Title>
      </figcaption>
      <div aria-hidden="true">{children}</div>
      <VisuallyHidden>
        <Table>
          <caption>{title}</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{rowLabel.label}</Table.Th>
              {columns.map((c) => (
                <Table.Th key={c.label} scope="col">
                  {c.label}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={rowKey(row)}>
                <Table.Th scope="row">{rowLabel.value(row)}</Table.Th>
                {columns.map((c) => (
                  <Table.Td key={c.label}>{c.value(row)}</Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </VisuallyHidden>
    </Card>
  );
}
