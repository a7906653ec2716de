/**
 * <cf-lever-lab>: the predict-then-reveal flow of the lever lab.
 *
 * The page renders each scenario's answer (computed at build time) inside a closed <details>. On
 * connect this island moves each answer into a `hidden` slot, so it is neither visible nor in the
 * accessibility tree, and enables the Reveal buttons. Reveal needs a chosen lever and, if given, a
 * percentage from 0 to 100; then it scores the pick (src/lib/lever-lab.ts), shows the answer,
 * moves focus to its heading and records the prediction in localStorage (HISTORY_KEY).
 * Storage problems become a message in the history section; nothing here throws at the reader.
 */
import { isLeverId, LEVER_LABELS, type LeverId } from '../../lib/kv-cache/lever-ids';
import {
  HISTORY_KEY,
  type HistoryEntry,
  type RankedLever,
  type Score,
  addEntry,
  formatPercent,
  parseHistory,
  parsePercent,
  scorePrediction,
  toHistoryFile,
  totals,
} from '../../lib/lever-lab';

const labelOf = (id: LeverId) => LEVER_LABELS[id];
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

class CfLeverLab extends HTMLElement {
  #entries: HistoryEntry[] = [];
  #onStorage = (event: StorageEvent) => {
    if (event.key === HISTORY_KEY || event.key === null) {
      this.#load();
      this.#renderHistory();
    }
  };

  connectedCallback() {
    this.#load();
    for (const card of this.#cards()) this.#enhance(card);
    const history = this.querySelector<HTMLElement>('[data-history]');
    if (history) history.hidden = false;
    this.querySelector('[data-clear]')?.addEventListener('click', this.#clear);
    window.addEventListener('storage', this.#onStorage);
    this.#renderHistory();
  }

  disconnectedCallback() {
    window.removeEventListener('storage', this.#onStorage);
  }

  #cards(): HTMLElement[] {
    return [...this.querySelectorAll<HTMLElement>('[data-scenario]')];
  }

  /** Hide the server-rendered answer until the reader commits, and wire the form. */
  #enhance(card: HTMLElement) {
    const fallback = card.querySelector<HTMLDetailsElement>('[data-fallback]');
    const answer = fallback?.querySelector<HTMLElement>('[data-answer]');
    const slot = card.querySelector<HTMLElement>('[data-answer-slot]');
    const form = card.querySelector<HTMLFormElement>('[data-form]');
    const button = card.querySelector<HTMLButtonElement>('[data-reveal]');
    if (!fallback || !answer || !slot || !form || !button) return;
    slot.hidden = true;
    slot.append(answer);
    fallback.remove();
    card.querySelector('[data-nojs]')?.remove();
    button.hidden = false;
    button.disabled = false;

    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#reveal(card);
    });
    for (const radio of this.#radios(card))
      radio.addEventListener('change', () => this.#leverError(card, ''));
    const percent = card.querySelector<HTMLInputElement>('[data-percent-input]');
    // Checked on Reveal (checking on blur would move the button under a reader's click); a message
    // goes away as soon as the value is fixed.
    percent?.addEventListener('input', () => {
      if (
        percent.getAttribute('aria-invalid') === 'true' &&
        parsePercent(percent.value, percent.validity.badInput).ok
      )
        this.#percentError(card, '');
    });
  }

  #radios(card: HTMLElement): HTMLInputElement[] {
    return [...card.querySelectorAll<HTMLInputElement>('input[type="radio"][data-lever-input]')];
  }

  #leverError(card: HTMLElement, message: string) {
    const error = card.querySelector('[data-lever-error]');
    if (error) error.textContent = message;
  }

  #percentError(card: HTMLElement, message: string) {
    const input = card.querySelector<HTMLInputElement>('[data-percent-input]');
    const error = card.querySelector('[data-percent-error]');
    if (error) error.textContent = message;
    if (input) {
      if (message) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    }
  }

  /** The guess, null for none, or undefined (with a message beside the field) when it is not valid. */
  #checkPercent(card: HTMLElement): number | null | undefined {
    const input = card.querySelector<HTMLInputElement>('[data-percent-input]');
    if (!input) return null;
    const parsed = parsePercent(input.value, input.validity.badInput);
    this.#percentError(card, parsed.ok ? '' : parsed.error);
    return parsed.ok ? parsed.value : undefined;
  }

  #reveal(card: HTMLElement) {
    const radios = this.#radios(card);
    const chosen = radios.find((r) => r.checked)?.value ?? '';
    const guess = this.#checkPercent(card);
    const leverOk = isLeverId(chosen);
    this.#leverError(card, leverOk ? '' : 'Choose a lever first.');
    if (!leverOk) {
      radios[0]?.focus();
      return;
    }
    if (guess === undefined) {
      card.querySelector<HTMLInputElement>('[data-percent-input]')?.focus();
      return;
    }
    const ranking = this.#ranking(card);
    const slot = card.querySelector<HTMLElement>('[data-answer-slot]');
    if (!ranking || !slot) {
      this.#say('This scenario’s answer could not be read; reload the page and try again.');
      return;
    }
    const score = scorePrediction(ranking, chosen, guess);

    // Lock the prediction: it was committed before the answer was visible.
    for (const control of card.querySelectorAll<HTMLInputElement | HTMLButtonElement>(
      '[data-form] input, [data-form] button',
    ))
      control.disabled = true;
    card.querySelector('[data-reveal]')?.setAttribute('hidden', '');
    this.#markPick(slot, chosen);
    slot.hidden = false;
    const line = card.querySelector('[data-score]');
    if (line) line.textContent = this.#describe(score, chosen);

    this.#entries = addEntry(this.#entries, {
      scenario: card.dataset.scenario ?? '',
      lever: chosen,
      guessPercent: guess,
      // On an exact tie at the top the pick itself counts as the correct lever.
      correct: score.placement === 'best' ? chosen : score.correct,
      points: score.points,
      date: new Date().toISOString(),
    });
    if (this.#save()) this.#say('');
    this.#renderHistory();
    slot.querySelector<HTMLElement>('[data-answer-heading]')?.focus();
  }

  #ranking(card: HTMLElement): RankedLever[] | null {
    try {
      const raw = JSON.parse(card.dataset.ranking ?? '') as {
        id: string;
        savedBytes: string;
        savedFraction: number;
      }[];
      const ranking = raw.map((r) => {
        if (!isLeverId(r.id) || typeof r.savedFraction !== 'number') throw new Error('bad ranking');
        return { id: r.id, savedBytes: BigInt(r.savedBytes), savedFraction: r.savedFraction };
      });
      return ranking.length > 0 ? ranking : null;
    } catch {
      return null;
    }
  }

  #markPick(slot: HTMLElement, pick: LeverId) {
    const row = slot.querySelector<HTMLElement>(`tr[data-lever="${pick}"]`);
    const cell = row?.querySelector('th');
    if (!row || !cell || row.classList.contains('lever-lab-pick')) return;
    row.classList.add('lever-lab-pick');
    const tag = document.createElement('span');
    tag.className = 'lever-lab-pick-tag';
    tag.textContent = 'your pick';
    cell.append(' ', tag);
  }

  #describe(score: Score, pick: LeverId): string {
    const verdict =
      score.placement === 'best'
        ? score.best.length > 1
          ? `ties for the largest saving: ${plural(score.leverPoints, 'point')}.`
          : `saves the most: ${plural(score.leverPoints, 'point')}.`
        : score.placement === 'runner-up'
          ? `saves the second most: ${plural(score.leverPoints, 'point')}. Best: ${labelOf(score.correct)}.`
          : `is not in the top two: no points. Best: ${labelOf(score.correct)}.`;
    let text = `Your pick, “${labelOf(pick)}”, ${verdict}`;
    if (score.guess) {
      const actual = formatPercent(score.actualPercent);
      text +=
        score.guess.points > 0
          ? ` You guessed ${formatPercent(score.guess.percent)} % and it saves ${actual} %: close enough for ${plural(score.guess.points, 'more point')}.`
          : ` You guessed ${formatPercent(score.guess.percent)} %, but it saves ${actual} % (off by ${formatPercent(score.guess.offBy)} points).`;
    }
    return `${text} Score for this scenario: ${score.points}.`;
  }

  #load() {
    let stored: string | null = null;
    try {
      stored = localStorage.getItem(HISTORY_KEY);
    } catch {
      this.#say(
        'This browser does not let the site store data, so predictions are not kept after you leave.',
      );
      return;
    }
    if (stored === null) {
      this.#entries = [];
      return;
    }
    const parsed = parseHistory(stored);
    if (parsed.ok) this.#entries = parsed.entries;
    // A damaged record is left as it is until the reader saves a new prediction or clears it.
    else this.#say(`${parsed.error} Your next prediction will start a fresh history.`);
  }

  #save(): boolean {
    try {
      localStorage.setItem(HISTORY_KEY, JSON.stringify(toHistoryFile(this.#entries)));
      return true;
    } catch {
      this.#say(
        'This prediction could not be saved (storage is full or blocked); it is listed only until you leave.',
      );
      return false;
    }
  }

  #clear = () => {
    this.#entries = [];
    try {
      localStorage.removeItem(HISTORY_KEY);
      this.#say('History cleared.');
    } catch {
      this.#say('The saved history could not be removed (storage is blocked); the list is cleared for now.');
    }
    this.#renderHistory();
  };

  #renderHistory() {
    const titles = new Map(this.#cards().map((c) => [c.dataset.scenario ?? '', c.dataset.title ?? '']));
    const list = this.querySelector('[data-history-list]');
    if (list) {
      list.replaceChildren(
        ...this.#entries.map((e) => {
          const item = document.createElement('li');
          const when = new Date(e.date).toLocaleString(undefined, {
            dateStyle: 'medium',
            timeStyle: 'short',
          });
          const guess = e.guessPercent === null ? '' : ` and guessed ${formatPercent(e.guessPercent)} %`;
          const verdict = e.lever === e.correct ? 'it was the best' : `the best was “${labelOf(e.correct)}”`;
          // textContent only: nothing read from storage is ever parsed as markup.
          item.textContent = `${when} — ${titles.get(e.scenario) || e.scenario}: you picked “${labelOf(e.lever)}”${guess}; ${verdict}. ${plural(e.points, 'point')}.`;
          return item;
        }),
      );
    }
    const empty = this.querySelector<HTMLElement>('[data-history-empty]');
    if (empty) empty.hidden = this.#entries.length > 0;
    const total = this.querySelector('[data-total]');
    if (total) {
      const t = totals(this.#entries);
      total.textContent =
        t.count === 0
          ? 'Your score appears here once you reveal a scenario; predictions are kept in this browser.'
          : `Your score so far: ${plural(t.points, 'point')} from ${plural(t.count, 'prediction')} (at most ${t.possible}).`;
    }
  }

  #say(message: string) {
    const status = this.querySelector('[data-status]');
    if (status) status.textContent = message;
  }
}

customElements.define('cf-lever-lab', CfLeverLab);
