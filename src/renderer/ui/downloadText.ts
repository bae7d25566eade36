/**
 * Saves text as a file through the browser's download (a Blob link): the web
 * client downloads it, the desktop app asks where to save it. The link is put
 * inside the topmost open dialog, since everything behind a modal is inert.
 */
export function downloadText(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  const dialogs = document.querySelectorAll('dialog[open]');
  const host = dialogs.length > 0 ? dialogs[dialogs.length - 1]! : document.body;
  host.append(link);
  link.click();
  link.remove();
  // Revoked later rather than at once: the download reads the Blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A file name made from an event title: no path or reserved characters, not too long. */
export function safeFileName(title: string, extension: string): string {
  const cleaned = [...title]
    .map((ch) => (ch.charCodeAt(0) < 32 || '\\/:*?"<>|'.includes(ch) ? ' ' : ch))
    .join('')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 80);
  return `${cleaned || 'event'}.${extension}`;
}
