// Placeholder until the feature lands.
export function UsagePage() {
  return <p>UsagePage</p>;
}
