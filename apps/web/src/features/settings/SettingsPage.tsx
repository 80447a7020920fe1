// Placeholder until the feature lands.
export function SettingsPage() {
  return <p>SettingsPage</p>;
}
