import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { app, safeStorage } from 'electron';

/**
 * A profile's relay session (it holds the refresh token), encrypted with the
 * OS keychain through Electron safeStorage, one file per profile in the app's
 * data folder. Nothing is written where the OS offers no encryption: the person
 * then signs in again after a restart, rather than a token lying on disk.
 */
function fileOf(profile: string): string {
  // The profile was parsed (letters, digits, _ and - only) before it got here.
  return join(app.getPath('userData'), 'sessions', `${profile}.bin`);
}

export async function loadSessionFile(profile: string): Promise<string | null> {
  if (!safeStorage.isEncryptionAvailable()) return null;
  try {
    return safeStorage.decryptString(await readFile(fileOf(profile)));
  } catch {
    // Missing, or encrypted under another OS account or keychain: not usable.
    return null;
  }
}

export async function saveSessionFile(profile: string, session: string | null): Promise<boolean> {
  const file = fileOf(profile);
  if (session === null) {
    await rm(file, { force: true });
    return true;
  }
  if (!safeStorage.isEncryptionAvailable()) return false;
  await mkdir(join(app.getPath('userData'), 'sessions'), { recursive: true, mode: 0o700 });
  // Written aside then renamed, so a crash never leaves half a file.
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, safeStorage.encryptString(session), { mode: 0o600 });
  await rename(temp, file);
  return true;
}
