// Placeholder until the feature lands.
export function KnowledgePage() {
  return <p>KnowledgePage</p>;
}
