import { useId } from 'react';
import { SUBSCRIPTION_INTERVALS } from '../replica/Subscription';

function intervalLabel(minutes: number): string {
  if (minutes < 60) return `Every ${minutes} minutes`;
  if (minutes === 60) return 'Every hour';
  if (minutes < 1440) return `Every ${minutes / 60} hours`;
  return minutes === 1440 ? 'Once a day' : `Every ${minutes / 1440} days`;
}

/** "Refresh: every 15 minutes", the choices offered for a subscription (plus the current one, if another device chose something else). */
export function RefreshIntervalSelect({ value, onChange }: { value: number; onChange: (minutes: number) => void }) {
  const id = useId();
  const options = SUBSCRIPTION_INTERVALS.includes(value as (typeof SUBSCRIPTION_INTERVALS)[number]) ? [...SUBSCRIPTION_INTERVALS] : [...SUBSCRIPTION_INTERVALS, value].sort((a, b) => a - b);
  return (
    <div className="field">
      <label htmlFor={id}>Refresh</label>
      <select id={id} value={value} onChange={(e) => onChange(Number(e.target.value))}>
        {options.map((m) => (
          <option key={m} value={m}>
            {intervalLabel(m)}
          </option>
        ))}
      </select>
    </div>
  );
}
