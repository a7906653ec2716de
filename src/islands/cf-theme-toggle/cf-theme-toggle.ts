/**
 * <cf-theme-toggle>: a button that switches light/dark and remembers the choice.
 * State: html[data-theme] ("light" | "dark", absent = follow the system) mirrored in
 * localStorage "cf-theme". public/theme-init.js applies the stored value before first paint.
 */
const KEY = 'cf-theme';

class CfThemeToggle extends HTMLElement {
  #button: HTMLButtonElement | null = null;
  #media = window.matchMedia('(prefers-color-scheme: dark)');
  #sync = () => this.#render();

  connectedCallback() {
    this.#button = this.querySelector('button');
    if (!this.#button) return;
    this.#button.hidden = false;
    this.#button.addEventListener('click', this.#toggle);
    this.#media.addEventListener('change', this.#sync);
    this.#render();
  }

  disconnectedCallback() {
    this.#button?.removeEventListener('click', this.#toggle);
    this.#media.removeEventListener('change', this.#sync);
  }

  #isDark(): boolean {
    const chosen = document.documentElement.dataset.theme;
    return chosen ? chosen === 'dark' : this.#media.matches;
  }

  #toggle = () => {
    const next = this.#isDark() ? 'light' : 'dark';
    document.documentElement.dataset.theme = next;
    try {
      localStorage.setItem(KEY, next);
    } catch {
      // Storage blocked (private mode): the theme still applies to this page.
    }
    this.#render();
  };

  #render() {
    this.#button?.setAttribute('aria-pressed', String(this.#isDark()));
  }
}

customElements.define('cf-theme-toggle', CfThemeToggle);
