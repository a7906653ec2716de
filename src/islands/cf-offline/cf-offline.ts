/**
 * <cf-offline>: saves the whole atlas for offline use through the service worker, applies an update
 * and removes the copy.
 *
 * State, all read from the browser, never stored here: the deployed manifest (fetched on connect: the
 * size shown and the version deployed), the service-worker registration (none; installing = saving;
 * waiting = an update is ready; active = saved) and the version the active worker holds (asked by
 * message). Worker messages drive the progress bar and name a failure. Lifecycle: connect → read the
 * manifest and the registration → render; every registration change renders again; disconnect drops
 * every listener (one AbortController).
 */
import {
  cacheName,
  describeProgress,
  failureMessage,
  formatSize,
  parseManifest,
  staleCaches,
  type OfflineManifest,
  type WorkerReport,
} from '../../lib/offline';

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

class CfOffline extends HTMLElement {
  #manifest: OfflineManifest | undefined;
  #listening = new AbortController();
  /** Set while a button's action runs, so a render does not offer another one meanwhile. */
  #busy = false;
  /** A failure the worker reported for the install in progress. */
  #failed = false;

  connectedCallback() {
    this.#part('save').addEventListener('click', () => void this.#save(), { signal: this.#listening.signal });
    this.#part('update').addEventListener('click', () => void this.#update(), { signal: this.#listening.signal });
    this.#part('remove').addEventListener('click', () => void this.#remove(), { signal: this.#listening.signal });
    void this.#start();
  }

  disconnectedCallback() {
    this.#listening.abort();
  }

  #part<T extends HTMLElement = HTMLElement>(name: string): T {
    return this.querySelector<T>(`[data-${name}]`)!;
  }

  get #scope(): string {
    return this.dataset.scope ?? '/';
  }

  #say(text: string) {
    this.#part('status').textContent = text;
  }

  #alert(text: string) {
    const alert = this.#part('alert');
    alert.textContent = text;
    alert.hidden = text === '';
  }

  #offer(buttons: { save?: boolean; update?: boolean; remove?: boolean }) {
    for (const name of ['save', 'update', 'remove'] as const) {
      const button = this.#part<HTMLButtonElement>(name);
      button.hidden = !buttons[name];
      button.disabled = this.#busy;
    }
  }

  #progress(shown: boolean, done = 0, total = 0, bytes = 0, totalBytes = 0) {
    this.#part('progress-box').hidden = !shown;
    const bar = this.#part<HTMLProgressElement>('progress');
    bar.max = Math.max(totalBytes, 1);
    bar.value = bytes;
    this.#part('progress-text').textContent = shown && total ? describeProgress(done, total, bytes, totalBytes) : '';
  }

  async #start() {
    if (!('serviceWorker' in navigator) || !('caches' in window)) {
      this.#say('Offline copies are not available here.');
      this.#alert(
        window.isSecureContext
          ? 'This browser has no service workers, which an offline copy needs. Any current Chrome, Edge, Firefox or Safari has them (private windows may turn them off).'
          : 'Browsers allow offline copies only on secure (HTTPS) pages, and this page was opened over plain HTTP.',
      );
      return;
    }
    const worker = navigator.serviceWorker;
    worker.addEventListener('message', this.#onReport, { signal: this.#listening.signal });
    worker.startMessages();
    await this.#readManifest();
    const registration = await worker.getRegistration(this.#scope).catch(() => undefined);
    if (registration) this.#watch(registration);
    await this.#render();
  }

  async #readManifest() {
    try {
      const response = await fetch(this.dataset.manifest!, { cache: 'no-cache' });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const manifest = parseManifest(await response.json());
      if (typeof manifest === 'string') throw new Error(manifest);
      this.#manifest = manifest;
      this.#part('size').textContent =
        `${formatSize(manifest.gzipBytes)} (${formatSize(manifest.bytes)} where the server does not compress)`;
      this.#part('stored').textContent = `${formatSize(manifest.bytes)} in ${manifest.files.length} files`;
    } catch (error) {
      this.#alert(
        navigator.onLine
          ? `Could not read the list of files to save (${messageOf(error)}). Reload the page to try again.`
          : 'You are offline and this browser holds no offline copy of the atlas. Connect to the network to save one.',
      );
    }
  }

  /** Render again whenever the registration gets a new worker or one changes state. */
  #watch(registration: ServiceWorkerRegistration) {
    const signal = this.#listening.signal;
    const follow = (worker: ServiceWorker | null) =>
      worker?.addEventListener(
        'statechange',
        () => {
          if (worker.state === 'redundant' && !this.#failed && !registration.active)
            this.#alert(failureMessage('network', 'the browser stopped the download'));
          void this.#render();
        },
        { signal },
      );
    follow(registration.installing);
    follow(registration.waiting);
    registration.addEventListener(
      'updatefound',
      () => {
        this.#failed = false;
        follow(registration.installing);
        void this.#render();
      },
      { signal },
    );
  }

  #onReport = (event: MessageEvent) => {
    const report = event.data as WorkerReport | null;
    if (report?.type === 'progress') {
      this.#progress(true, report.done, report.total, report.bytes, report.totalBytes);
    } else if (report?.type === 'failed') {
      this.#failed = true;
      this.#progress(false);
      this.#alert(failureMessage(report.reason, report.detail));
    }
  };

  /** The version the active worker serves, or undefined if it does not answer. */
  #savedVersion(worker: ServiceWorker): Promise<string | undefined> {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      const timer = setTimeout(() => resolve(undefined), 5000);
      channel.port1.onmessage = (event) => {
        clearTimeout(timer);
        const version = (event.data as { version?: unknown } | null)?.version;
        resolve(typeof version === 'string' ? version : undefined);
      };
      worker.postMessage({ type: 'version' }, [channel.port2]);
    });
  }

  async #render(note?: string) {
    const manifest = this.#manifest;
    const registration = await navigator.serviceWorker.getRegistration(this.#scope).catch(() => undefined);
    const size = manifest ? ` It downloads ${formatSize(manifest.gzipBytes)} (${manifest.files.length} files).` : '';
    const savedLine = this.#part('saved');

    if (registration?.installing && !registration.active) {
      this.#say(note ?? `Saving the atlas: downloading every page, the search index and the data the tools use.`);
      this.#progress(true, 0, manifest?.files.length ?? 0, 0, manifest?.bytes ?? 0);
      return this.#offer({});
    }
    this.#progress(Boolean(registration?.installing));
    if (!registration?.active) {
      // A first save that failed leaves an empty registration behind: drop it.
      if (registration && !registration.waiting) await registration.unregister().catch(() => false);
      savedLine.textContent = 'none';
      this.#say(note ?? `Not saved: this browser loads the atlas from the network.${size}`);
      return this.#offer({ save: Boolean(manifest) });
    }
    const version = await this.#savedVersion(registration.active);
    savedLine.textContent = version ?? 'unknown';
    if (registration.waiting) {
      this.#say(
        note ??
          'An update is ready: a newer version of the atlas has been downloaded. Apply it to switch every open page to it; until then the saved version stays in use.',
      );
      return this.#offer({ update: true, remove: true });
    }
    if (!version || !(await caches.has(cacheName(version)))) {
      this.#say(
        note ??
          'The offline copy is incomplete: the browser may have cleared it to free space. Remove it, then save again.',
      );
      return this.#offer({ remove: true });
    }
    if (registration.installing) {
      this.#say(note ?? 'Saved. A newer version of the atlas is downloading in the background.');
      return this.#offer({ remove: true });
    }
    if (manifest && manifest.version !== version) {
      this.#say(note ?? 'Saved, but a newer version of the atlas is published. Checking for it…');
      registration.update().catch(() => this.#say('Saved. A newer version is published; it downloads the next time you are online.'));
      return this.#offer({ remove: true });
    }
    this.#say(
      note ??
        'Saved: every page, search, the paper mapper, the KV-cache calculator and the labs work with the network off. A new version downloads by itself when you are online, and this page and every other then offer to apply it.',
    );
    return this.#offer({ remove: true });
  }

  async #save() {
    const manifest = this.#manifest;
    if (!manifest || this.#busy) return;
    this.#alert('');
    this.#failed = false;
    try {
      const estimate = await navigator.storage?.estimate?.();
      if (estimate?.quota !== undefined && estimate.quota - (estimate.usage ?? 0) < manifest.bytes) {
        this.#alert(
          `Not enough storage: this browser lets the site keep about ${formatSize(estimate.quota - (estimate.usage ?? 0))} more, and the copy takes ${formatSize(manifest.bytes)}. Free some space and try again.`,
        );
        return;
      }
      // Ask the browser not to clear the copy when it needs space (it may say no; the copy still works).
      await navigator.storage?.persist?.();
    } catch {
      // Storage estimates are advisory; the worker reports a real quota failure.
    }
    this.#busy = true;
    this.#offer({ save: true });
    this.#say('Saving the atlas: downloading every page, the search index and the data the tools use.');
    try {
      const registration = await navigator.serviceWorker.register(this.dataset.worker!, {
        scope: this.#scope,
        updateViaCache: 'none',
      });
      this.#watch(registration);
      if (registration.active && !registration.installing) await registration.update();
    } catch (error) {
      this.#alert(`The browser refused to install the offline copy's service worker: ${messageOf(error)}`);
    } finally {
      this.#busy = false;
    }
    await this.#render();
  }

  async #update() {
    const registration = await navigator.serviceWorker.getRegistration(this.#scope);
    if (!registration?.waiting) return this.#render();
    this.#busy = true;
    this.#offer({ update: true, remove: true });
    this.#say('Switching to the new version; the page reloads.');
    navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
    registration.waiting.postMessage({ type: 'skip-waiting' });
  }

  async #remove() {
    this.#busy = true;
    this.#offer({ remove: true });
    this.#alert('');
    let note: string | undefined;
    try {
      for (const registration of await navigator.serviceWorker.getRegistrations())
        if (new URL(registration.scope).pathname === this.#scope) await registration.unregister();
      for (const name of staleCaches(await caches.keys())) await caches.delete(name);
      note = 'Removed: the offline copy is deleted and its service worker unregistered. Pages load from the network again.';
    } catch (error) {
      this.#alert(
        `Could not remove everything (${messageOf(error)}). The browser's settings for this site can clear its stored data.`,
      );
    } finally {
      this.#busy = false;
    }
    await this.#render(note);
  }
}

customElements.define('cf-offline', CfOffline);
