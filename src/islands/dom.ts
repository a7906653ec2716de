/**
 * Browser only: small helpers the islands that keep the reader's data share (cf-review,
 * cf-note, cf-notes): an element with text set through textContent (never parsed as markup), and a
 * download of text the page made, and the text of a file the reader picked to import.
 */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text?: string,
  props: Partial<Record<'className' | 'href' | 'id' | 'type', string>> = {},
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  Object.assign(node, props);
  return node;
}

/** Offers `text` as a file download through a Blob URL. */
export function saveBlob(text: string, type: string, name: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([text], { type }));
  link.download = name;
  link.click();
  // Revoke after the click has been handled, or some browsers cancel the download.
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

/**
 * The text of the file a reader picked in an import input, or a sentence saying why not (too large
 * to be an export of `what`). Clears the input, so picking the same file again fires again.
 */
export async function pickedFileText(
  event: Event,
  maxBytes: number,
  what: string,
): Promise<{ text: string } | { error: string } | null> {
  const input = event.target as HTMLInputElement;
  const file = input.files?.[0];
  input.value = '';
  if (!file) return null;
  if (file.size > maxBytes) return { error: `That file is too large to be ${what} export; nothing was changed.` };
  return { text: await file.text() };
}
