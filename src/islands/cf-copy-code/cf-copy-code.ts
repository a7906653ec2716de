/**
 * <cf-copy-code data-target="id">: copies the text of the element with that id.
 * The button is hidden without JavaScript; the result is announced in a live region.
 */
class CfCopyCode extends HTMLElement {
  #button: HTMLButtonElement | null = null;
  #status: HTMLElement | null = null;

  connectedCallback() {
    this.#button = this.querySelector('button');
    this.#status = this.querySelector('[role="status"]');
    if (!this.#button) return;
    this.#button.hidden = false;
    this.#button.addEventListener('click', this.#copy);
  }

  disconnectedCallback() {
    this.#button?.removeEventListener('click', this.#copy);
  }

  #copy = async () => {
    const target = document.getElementById(this.dataset.target ?? '');
    if (!target || !this.#status) return;
    try {
      await navigator.clipboard.writeText(target.innerText);
      this.#status.textContent = 'Copied to the clipboard.';
    } catch {
      this.#status.textContent = 'Copying was blocked by the browser: select the code and copy it by hand.';
    }
  };
}

customElements.define('cf-copy-code', CfCopyCode);
