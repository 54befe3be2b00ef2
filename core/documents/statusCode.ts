/** Shows a stored status code (8 characters, no dash) as the sender reads it: `K7QM-2XHP`. */
export function formatStatusCode(stored: string): string {
  return stored.length === 8 ? `${stored.slice(0, 4)}-${stored.slice(4)}` : stored;
}
