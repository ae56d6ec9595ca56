/**
 * Saves text as a file the way a browser does: a Blob behind a temporary object URL, clicked through a hidden
 * `<a download>`. Works the same in Electron (which shows its save dialog) and in a browser over HTTP.
 */
export function downloadText(name: string, mediaType: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${mediaType};charset=utf-8` }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    // the download has started from the click; the URL is released a little later
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}
