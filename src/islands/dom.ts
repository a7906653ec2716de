/**
 * Browser only: two small helpers the islands that keep the reader's data share (cf-review,
 * cf-note, cf-notes): an element with text set through textContent (never parsed as markup), and a
 * download of text the page made.
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
