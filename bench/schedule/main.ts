import { runReminderBench } from './reminderBench';
import { runScheduleBench } from './scheduleBench';

/** `npm run bench -- schedule`: find a time and reminder scheduling, each beside its naive baseline. */
export async function main(only: ReadonlySet<string> | null): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = { benchmark: 'schedule', at: new Date().toISOString(), node: process.version };
  if (!only || only.has('findTime')) out.findTime = runScheduleBench();
  if (!only || only.has('reminders')) out.reminders = await runReminderBench();
  return out;
}
