interface RadioProps {
  name: string;
  checked: boolean;
  onSelect: () => void;
  label: string;
}

/** A radio button wrapped in its label, so the label text is its accessible name and click target. */
export function Radio({ name, checked, onSelect, label }: RadioProps) {
  return (
    <label className="radio">
      <input type="radio" name={name} checked={checked} onChange={(e) => e.target.checked && onSelect()} />
      {label}
    </label>
  );
}
