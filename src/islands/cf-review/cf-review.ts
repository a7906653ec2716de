/**
 * <cf-review>: the /review/ page's live part.
 *
 * State: the stored predictions (read from localStorage on connect and on a `storage` event from
 * another tab), or the reason they cannot be read. Render fills the review queue (due today and
 * later, in the reader's time zone), the calibration table and the history table from
 * src/lib/predictions.ts. Export downloads CSV or JSON through a Blob; import merges a JSON file
 * (nothing current is lost, duplicates are skipped, a malformed file changes nothing); clear asks
 * for confirmation inline. Stored data that cannot be read is never written over: the page offers
 * it for download and can clear it.
 * Every text from storage or an imported file is set with textContent, never parsed as markup.
 */
import {
  PREDICTIONS_KEY,
  type PredictionRecord,
  type ReviewItem,
  CONFIDENCE_LABELS,
  REVIEW_INTERVALS_DAYS,
  calibration,
  formatNumber,
  formatRate,
  mergeRecords,
  parsePredictions,
  reviewQueue,
  toCsv,
  toJson,
  toPredictionsFile,
} from '../../lib/predictions';
import { el, pickedFileText, saveBlob } from '../dom';

type ConceptLinks = Record<string, { title: string; url: string }>;
/** An import larger than this is not a predictions export (2,000 records are about 1 MB). */
const MAX_IMPORT_BYTES = 4_000_000;

const plural = (n: number, one: string, many = `${one}s`) => `${formatNumber(n)} ${n === 1 ? one : many}`;
const formatDay = (isoDay: string) =>
  new Date(`${isoDay}T00:00:00Z`).toLocaleDateString(undefined, { timeZone: 'UTC', dateStyle: 'medium' });

class CfReview extends HTMLElement {
  #records: PredictionRecord[] = [];
  /** The stored text when it cannot be read, kept so the reader can download it. */
  #unreadable: string | null = null;
  #blocked = false;
  #concepts: ConceptLinks = {};

  #onStorage = (event: StorageEvent) => {
    if (event.key === PREDICTIONS_KEY || event.key === null) {
      this.#load();
      this.#render();
    }
  };

  connectedCallback() {
    try {
      this.#concepts = JSON.parse(this.#part('[data-concepts]')?.textContent ?? '{}') as ConceptLinks;
    } catch {
      this.#concepts = {};
    }
    this.#part('[data-tools]')!.hidden = false;
    this.#part('[data-export-csv]')?.addEventListener('click', () => this.#download('csv'));
    this.#part('[data-export-json]')?.addEventListener('click', () => this.#download('json'));
    this.#part('[data-raw]')?.addEventListener('click', this.#downloadRaw);
    this.#part('[data-import]')?.addEventListener('change', this.#import);
    this.#part('[data-clear]')?.addEventListener('click', this.#askClear);
    this.#part('[data-confirm-yes]')?.addEventListener('click', this.#clear);
    this.#part('[data-confirm-no]')?.addEventListener('click', this.#cancelClear);
    window.addEventListener('storage', this.#onStorage);
    this.#load();
    this.#render();
  }

  disconnectedCallback() {
    window.removeEventListener('storage', this.#onStorage);
  }

  #part<T extends HTMLElement = HTMLElement>(selector: string): T | null {
    return this.querySelector<T>(selector);
  }

  #load() {
    this.#unreadable = null;
    this.#blocked = false;
    let raw: string | null;
    try {
      raw = localStorage.getItem(PREDICTIONS_KEY);
    } catch {
      this.#blocked = true;
      this.#records = [];
      this.#status(
        'This browser does not let the site read its storage, so no predictions can be shown or kept here.',
      );
      return;
    }
    if (raw === null) {
      this.#records = [];
      this.#status('');
      return;
    }
    const parsed = parsePredictions(raw);
    if (parsed.ok) {
      this.#records = parsed.records;
      this.#status('');
    } else {
      this.#records = [];
      this.#unreadable = raw;
      this.#status(
        `The stored predictions cannot be read: ${parsed.error} They are left untouched: download them to keep a copy, or clear them to start again.`,
      );
    }
  }

  /** Writes the records; false (with a message) if storage refuses. */
  #save(records: PredictionRecord[]): boolean {
    try {
      localStorage.setItem(PREDICTIONS_KEY, JSON.stringify(toPredictionsFile(records)));
      return true;
    } catch {
      this.#toolStatus(
        'The predictions could not be saved (storage is full or blocked); nothing was changed.',
      );
      return false;
    }
  }

  #render() {
    const tzOffset = new Date().getTimezoneOffset();
    const { due, later } = reviewQueue(this.#records, Date.now(), tzOffset);
    this.#fillQueue('[data-due]', '[data-due-empty]', due);
    this.#fillQueue('[data-later]', '[data-later-empty]', later);
    this.#fillCalibration();
    this.#fillHistory();
    this.#part('[data-raw]')!.hidden = this.#unreadable === null;
    for (const selector of ['[data-export-csv]', '[data-export-json]'])
      this.#part(selector)!.hidden = this.#unreadable !== null || this.#blocked;
  }

  #conceptLink(slug: string, hash = ''): HTMLElement {
    const known = this.#concepts[slug];
    // A slug this atlas does not know (a file from a newer atlas) is shown, not linked.
    return known ? el('a', known.title, { href: `${known.url}${hash}` }) : el('span', slug);
  }

  #fillQueue(listSelector: string, emptySelector: string, items: ReviewItem[]) {
    const list = this.#part(listSelector)!;
    list.replaceChildren(
      ...items.map((item) => {
        const li = el('li');
        const known = this.#concepts[item.concept];
        li.append(
          known
            ? el('a', item.prompt, { href: `${known.url}#prediction-${item.question}` })
            : el('span', item.prompt),
        );
        const review = `review ${item.stage + 1} of ${REVIEW_INTERVALS_DAYS.length}`;
        const when = item.isDue ? `due since ${formatDay(item.dueOn)}` : `due ${formatDay(item.dueOn)}`;
        li.append(
          el(
            'span',
            `${known?.title ?? item.concept} · ${when} · ${review} · last missed ${new Date(item.lastMiss).toLocaleDateString(undefined, { dateStyle: 'medium' })}`,
            { className: 'review-meta' },
          ),
        );
        return li;
      }),
    );
    this.#part(emptySelector)!.hidden = items.length > 0;
  }

  #fillCalibration() {
    const c = calibration(this.#records);
    for (const row of c.rows) {
      const tr = this.#part(`tr[data-level="${row.confidence}"]`);
      if (!tr) continue;
      tr.querySelector('[data-count]')!.textContent = formatNumber(row.count);
      tr.querySelector('[data-right]')!.textContent = formatNumber(row.right);
      tr.querySelector('[data-rate]')!.textContent = row.rate === null ? '—' : formatRate(row.rate);
    }
    this.#part('[data-calibration-summary]')!.textContent =
      c.count === 0
        ? 'No predictions yet.'
        : `Of ${plural(c.count, 'prediction')}, ${formatNumber(c.right)} ${c.right === 1 ? 'was' : 'were'} right (${formatRate(c.right / c.count)}). The confidence you stated expected about ${formatNumber(Math.round(c.expectedRight * 10) / 10)} right.`;
  }

  #fillHistory() {
    const body = this.#part('[data-history-body]')!;
    body.replaceChildren(
      ...this.#records.map((r) => {
        const tr = el('tr');
        const cell = (label: string, content: string | Node, className = '') => {
          const td = el('td', undefined, { className });
          td.dataset.label = label;
          td.append(content);
          tr.append(td);
        };
        const time = el(
          'time',
          new Date(r.at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }),
        );
        time.dateTime = r.at;
        cell('Date', time, 'review-nowrap');
        cell('Notebook', this.#conceptLink(r.concept, `#prediction-${r.question}`));
        cell('Question', r.prompt);
        cell('Your answer', r.answer);
        cell('Answer', r.expected);
        cell('Confidence', `${r.confidence} % (${CONFIDENCE_LABELS[r.confidence]})`, 'review-nowrap');
        cell(
          'Result',
          el('span', r.correct ? 'right' : 'wrong', {
            className: r.correct ? 'review-result-right' : 'review-result-wrong',
          }),
          'review-nowrap',
        );
        return tr;
      }),
    );
    this.#part('[data-history]')!.hidden = this.#records.length === 0;
    this.#part('[data-history-empty]')!.hidden = this.#records.length > 0;
  }

  #download(kind: 'csv' | 'json') {
    this.#load();
    if (this.#unreadable !== null) return this.#render();
    if (kind === 'csv')
      saveBlob(toCsv(this.#records), 'text/csv;charset=utf-8', 'continuous-function-predictions.csv');
    else saveBlob(toJson(this.#records), 'application/json', 'continuous-function-predictions.json');
    this.#toolStatus(`Downloaded ${plural(this.#records.length, 'prediction')} as ${kind.toUpperCase()}.`);
  }

  #downloadRaw = () => {
    if (this.#unreadable === null) return;
    saveBlob(
      this.#unreadable,
      'text/plain;charset=utf-8',
      'continuous-function-predictions-unreadable.txt',
    );
    this.#toolStatus('Downloaded the stored data as it is.');
  };

  #import = async (event: Event) => {
    const picked = await pickedFileText(event, MAX_IMPORT_BYTES, 'a predictions');
    if (!picked) return;
    if ('error' in picked) return this.#toolStatus(picked.error);
    const parsed = parsePredictions(picked.text);
    if (!parsed.ok) {
      this.#toolStatus(`${parsed.error} Nothing was changed.`);
      return;
    }
    this.#load();
    if (this.#unreadable !== null || this.#blocked) {
      this.#render();
      this.#toolStatus(
        'The predictions already stored cannot be read, so nothing was imported over them; download or clear them first.',
      );
      return;
    }
    const merged = mergeRecords(this.#records, parsed.records);
    if (!merged.ok) {
      this.#toolStatus(`${merged.error} Nothing was changed.`);
      return;
    }
    if (!this.#save(merged.records)) return;
    this.#records = merged.records;
    this.#render();
    const dupes =
      merged.duplicates === 0
        ? ''
        : ` ${formatNumber(merged.duplicates)} ${merged.duplicates === 1 ? 'was' : 'were'} already here.`;
    this.#toolStatus(`Imported ${plural(merged.added, 'new prediction')}.${dupes} Nothing was removed.`);
  };

  #askClear = () => {
    this.#load();
    const count = this.#records.length;
    if (count === 0 && this.#unreadable === null) {
      this.#toolStatus('There are no predictions to clear.');
      return;
    }
    this.#part('[data-confirm-text]')!.textContent =
      this.#unreadable !== null
        ? 'Delete the unreadable stored predictions from this browser? This cannot be undone.'
        : `Delete all ${plural(count, 'prediction')} from this browser? This cannot be undone; download a JSON copy first if you may want them back.`;
    this.#part('[data-confirm]')!.hidden = false;
    this.#toolStatus('');
    this.#part('[data-confirm-no]')!.focus();
  };

  #cancelClear = () => {
    this.#part('[data-confirm]')!.hidden = true;
    this.#toolStatus('Nothing was deleted.');
    this.#part('[data-clear]')!.focus();
  };

  #clear = () => {
    const count = this.#records.length;
    this.#part('[data-confirm]')!.hidden = true;
    try {
      localStorage.removeItem(PREDICTIONS_KEY);
    } catch {
      this.#toolStatus('The stored predictions could not be deleted (storage is blocked).');
      this.#part('[data-clear]')!.focus();
      return;
    }
    this.#records = [];
    this.#unreadable = null;
    this.#status('');
    this.#render();
    this.#toolStatus(count > 0 ? `Deleted ${plural(count, 'prediction')}.` : 'Deleted the unreadable data.');
    this.#part('[data-clear]')!.focus();
  };

  #status(message: string) {
    const status = this.#part('[data-status]');
    if (status) status.textContent = message;
  }

  #toolStatus(message: string) {
    const status = this.#part('[data-tool-status]');
    if (status) status.textContent = message;
  }
}

customElements.define('cf-review', CfReview);
