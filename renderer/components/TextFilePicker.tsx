/**
 * A file input that hands over the picked file's name and text (an imported list: JRWA,
 * the trusted list). `onPick(null)` first, when the choice changes, so old results go at once.
 */
export function TextFilePicker({ accept, label, onPick }: { accept: string; label: string; onPick: (file: { name: string; text: string } | null) => void }) {
  return (
    <input
      type="file"
      accept={accept}
      aria-label={label}
      onChange={(e) => {
        const f = e.target.files?.[0];
        onPick(null);
        if (f) void f.text().then((text) => onPick({ name: f.name, text }));
      }}
    />
  );
}
