// Placeholder until the feature lands.
export function DashboardPage() {
  return <p>DashboardPage</p>;
}
