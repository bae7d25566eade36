import { shell } from 'electron';
import { safeExternalUrl } from '../shared/ipc/safeExternalUrl';

/**
 * Hands a web or mailto URL to the OS. Anything else is refused here, whatever
 * the caller checked, because `shell.openExternal` runs whatever program the OS
 * has registered for a scheme.
 */
export async function openExternalSafely(raw: string): Promise<boolean> {
  const url = safeExternalUrl(raw);
  if (url === null) return false;
  try {
    await shell.openExternal(url);
    return true;
  } catch (err) {
    console.warn('Could not open an external link:', err);
    return false;
  }
}
