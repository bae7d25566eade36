import { useMemo } from 'react';
import { zoneOptions } from './zoneOptions';

interface ZoneSelectProps {
  id: string;
  value: string | null;
  onChange: (zone: string | null) => void;
  /** Label of the null choice ("System (Europe/Berlin)", "None", "Floating"); omitted when null is not allowed. */
  nullLabel?: string;
  disabled?: boolean;
}

/** A <select> of IANA time zones; the caller supplies the <label htmlFor={id}>. */
export function ZoneSelect({ id, value, onChange, nullLabel, disabled }: ZoneSelectProps) {
  const options = useMemo(() => zoneOptions([value]), [value]);
  return (
    <select id={id} value={value ?? ''} disabled={disabled} onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)}>
      {nullLabel !== undefined && <option value="">{nullLabel}</option>}
      {options.map((o) => (
        <option key={o.zone} value={o.zone}>
          {o.label}
        </option>
      ))}
    </select>
  );
}
