/**
 * Browser only: loads an island's code the first time one of its elements comes near the viewport.
 * The page's own script stays a few hundred bytes; the island's module (and its math from src/lib)
 * is a separate chunk that Vite splits out of the dynamic import. The loaded module defines the
 * custom element, and every instance on the page upgrades at once.
 */
export function loadWhenNear(tag: string, load: () => Promise<unknown>): void {
  const elements = [...document.querySelectorAll(tag)];
  if (elements.length === 0 || customElements.get(tag)) return;
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    observer?.disconnect();
    load().catch((error: unknown) => {
      // Leave the server-rendered fallback in place and say why the live demo is missing.
      for (const element of elements) element.setAttribute('data-load-failed', '');
      console.error(`${tag}: could not load its code`, error);
    });
  };
  const observer =
    'IntersectionObserver' in window
      ? new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && start(), {
          rootMargin: '600px 0px',
        })
      : null;
  if (!observer) return start();
  for (const element of elements) observer.observe(element);
  // A reader who tabs or jumps into the island before it scrolled near still gets it.
  for (const element of elements) element.addEventListener('focusin', start, { once: true });
}
