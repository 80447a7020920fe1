// Placeholder until the feature lands.
export function CreateAssistantPage() {
  return <p>CreateAssistantPage</p>;
}
