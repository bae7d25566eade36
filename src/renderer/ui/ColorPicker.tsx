import { useId } from 'react';
import { PALETTE, toHexColor } from './palette';

interface ColorPickerProps {
  /** Accessible name of the custom-colour input, e.g. "Colour of Work". */
  label: string;
  value: string;
  onChange: (color: string) => void;
}

/** A row of named swatches plus a free colour input. */
export function ColorPicker({ label, value, onChange }: ColorPickerProps) {
  const id = useId();
  return (
    <div className="color-picker" role="group" aria-label={label}>
      {PALETTE.map((p) => (
        <button
          key={p.color}
          type="button"
          className={`swatch-btn ${toHexColor(value) === p.color ? 'selected' : ''}`}
          style={{ background: p.color }}
          aria-label={p.name}
          aria-pressed={toHexColor(value) === p.color}
          onClick={() => onChange(p.color)}
        />
      ))}
      <label className="sr-only" htmlFor={id}>
        {label}
      </label>
      <input id={id} type="color" className="color-input" value={toHexColor(value)} title="Custom colour" onChange={(e) => onChange(e.target.value)} />
    </div>
  );
}
