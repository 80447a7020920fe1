// Placeholder until the feature lands.
export function IntegrationPage() {
  return <p>IntegrationPage</p>;
}
