import { useEffect, useState } from 'react';
import { profileSchema, type Profile } from '../../shared/protocol/profile';
import { DEFAULT_WORKING_HOURS, type WorkingDay } from '../../shared/schedule/WorkingHours';
import type { SyncService } from '../sync/SyncService';
import { problemsOf } from './problemsOf';
import { ZoneSelect } from './ZoneSelect';
import './findTime.css';
import { FormError } from './FormError';

interface WorkingHoursSectionProps {
  sync: SyncService;
  /** The zone offered before the person has set one. */
  systemZone: string;
}

const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/**
 * Settings › Working hours: the person's zone and, per weekday, whether they
 * work and from when to when. Saved to the relay on every change, which
 * publishes it to the organisation for find a time.
 */
export function WorkingHoursSection({ sync, systemZone }: WorkingHoursSectionProps) {
  const [profile, setProfile] = useState<Profile | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    sync.profile().then(
      (p) => live && setProfile({ zone: p.zone ?? systemZone, workingHours: p.workingHours ?? DEFAULT_WORKING_HOURS }),
      (err: unknown) => live && setError(`Working hours cannot be read now: ${problemsOf(err).join(' ')}`),
    );
    return () => {
      live = false;
    };
  }, [sync, systemZone]);

  const save = async (next: Profile) => {
    setProfile(next);
    setStatus(null);
    const checked = profileSchema.safeParse(next);
    if (!checked.success) {
      setError(checked.error.issues.map((i) => i.message).join('; '));
      return;
    }
    try {
      setError(null);
      await sync.setProfile(checked.data);
      setStatus('Saved. Colleagues see these hours when they find a time.');
    } catch (err) {
      setError(problemsOf(err).join(' '));
    }
  };

  const setDay = (day: number, patch: Partial<WorkingDay> | null) => {
    if (!profile) return;
    const others = profile.workingHours.filter((h) => h.day !== day);
    const current = profile.workingHours.find((h) => h.day === day) ?? { day, start: '09:00', end: '17:00' };
    const workingHours = patch === null ? others : [...others, { ...current, ...patch }].sort((a, b) => a.day - b.day);
    void save({ ...profile, workingHours });
  };

  return (
    <section aria-label="Working hours" className="working-hours">
      <h3>Working hours</h3>
      <FormError message={error} />
      {profile && (
        <>
          <div className="field">
            <label htmlFor="settings-work-zone">Working time zone</label>
            <ZoneSelect id="settings-work-zone" value={profile.zone} onChange={(zone) => zone && void save({ ...profile, zone })} />
          </div>
          <table className="working-hours-days">
            <tbody>
              {DAY_NAMES.map((name, i) => {
                const day = i + 1;
                const h = profile.workingHours.find((x) => x.day === day);
                return (
                  <tr key={day}>
                    <td>
                      <label>
                        <input type="checkbox" checked={!!h} onChange={(e) => setDay(day, e.target.checked ? {} : null)} /> {name}
                      </label>
                    </td>
                    <td>
                      <input type="time" aria-label={`${name} start`} value={h?.start ?? ''} disabled={!h} onChange={(e) => e.target.value && setDay(day, { start: e.target.value })} />
                    </td>
                    <td>
                      <input
                        type="time"
                        aria-label={`${name} end`}
                        value={h?.end === '24:00' ? '23:59' : (h?.end ?? '')}
                        disabled={!h}
                        onChange={(e) => e.target.value && setDay(day, { end: e.target.value })}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {status && (
            <p className="hint" role="status">
              {status}
            </p>
          )}
        </>
      )}
    </section>
  );
}
