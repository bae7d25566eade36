import { useEffect, useId, useState } from 'react';
import { toHexColor } from './palette';
import { useDebouncedCommit } from './useDebouncedCommit';

interface ColorInputProps {
  label: string;
  value: string;
  onCommit: (color: string) => void;
}

/** A compact colour well that writes once the person stops dragging in the picker. */
export function ColorInput({ label, value, onCommit }: ColorInputProps) {
  const id = useId();
  const [local, setLocal] = useState(toHexColor(value));
  // A change from elsewhere (another window, undo) replaces what is shown.
  useEffect(() => setLocal(toHexColor(value)), [value]);
  useDebouncedCommit(local, toHexColor(value), onCommit);
  return (
    <>
      <label className="sr-only" htmlFor={id}>
        {label}
      </label>
      <input id={id} type="color" className="color-input" value={local} title={label} onChange={(e) => setLocal(e.target.value)} />
    </>
  );
}
