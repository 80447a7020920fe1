// Placeholder until the feature lands.
export function ChatPage() {
  return <p>ChatPage</p>;
}
