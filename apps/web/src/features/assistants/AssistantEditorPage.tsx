// Placeholder until the feature lands.
export function AssistantEditorPage() {
  return <p>AssistantEditorPage</p>;
}
