/**
 * <cf-prediction>: commit a prediction, then open the demo.
 *
 * State: the question (read once from data-* and checked with the same rules as the build) and a
 * mode shown by which parts are visible —
 *   ask      the form is shown; the demo is closed behind the gate (hidden, so out of the tab order
 *            and the accessibility tree) with a "Skip and just explore" button;
 *   explored the reader skipped: the demo is open, the form stays, nothing was recorded;
 *   answered the result (verdict, answer, explanation, when it comes back for review) is shown and
 *            the demo is open.
 * Lifecycle: on connect the server's no-JavaScript parts (the static choices and the answer in a
 * <details>) are removed and the form enabled; a reader who answered this question before starts in
 * `answered` with their latest answer. Commit scores (src/lib/predictions.ts), shows the result,
 * opens the demo, moves focus to the verdict and stores the record in localStorage (read, add,
 * write, so other questions and tabs are not overwritten). A storage problem is said in the status
 * line, never swallowed; stored data that cannot be read is never written over.
 * Everything read from storage is shown with textContent.
 */
import {
  PREDICTIONS_KEY,
  type Confidence,
  type Given,
  type PredictionRecord,
  type Question,
  CONFIDENCE_LEVELS,
  addRecord,
  checkQuestion,
  latestFor,
  parseEstimate,
  parsePredictions,
  reviewQueue,
  scoreAnswer,
  toPredictionsFile,
  acceptedText,
} from '../../lib/predictions';

type Loaded = { ok: true; records: PredictionRecord[] } | { ok: false; message: string };

const formatDay = (isoDay: string) =>
  new Date(`${isoDay}T00:00:00Z`).toLocaleDateString(undefined, { timeZone: 'UTC', dateStyle: 'medium' });
const formatDate = (at: string) => new Date(at).toLocaleDateString(undefined, { dateStyle: 'medium' });

function loadRecords(): Loaded {
  let raw: string | null;
  try {
    raw = localStorage.getItem(PREDICTIONS_KEY);
  } catch {
    return {
      ok: false,
      message:
        'This browser does not let the site store data, so predictions are not kept and will not appear on the review page.',
    };
  }
  if (raw === null) return { ok: true, records: [] };
  const parsed = parsePredictions(raw);
  return parsed.ok
    ? parsed
    : {
        ok: false,
        message: `Your saved predictions could not be read (${parsed.error}) They are left as they are, and new predictions are not saved over them: open the review page to download or clear them.`,
      };
}

class CfPrediction extends HTMLElement {
  #question: Question | null = null;
  #records: PredictionRecord[] = [];

  connectedCallback() {
    const d = this.dataset;
    let choices: unknown;
    try {
      choices = d.choices ? JSON.parse(d.choices) : undefined;
    } catch {
      choices = null;
    }
    const checked = checkQuestion({
      id: d.question,
      question: d.prompt,
      kind: d.kind,
      choices,
      answer: Number(d.answer),
      tolerance: d.kind === 'number' ? Number(d.tolerance) : undefined,
      unit: d.kind === 'number' ? (d.unit ?? '') : undefined,
      explain: this.#part('[data-explain]')?.textContent ?? '',
    });
    const form = this.#part<HTMLFormElement>('[data-form]');
    if (!checked.ok || !form || !d.concept) {
      // Leave the page as it is without JavaScript: question, demo and answer all readable.
      console.error('cf-prediction: cannot read its question', checked.ok ? 'missing parts' : checked.errors);
      return;
    }
    this.#question = checked.question;

    const explainSlot = this.#part('[data-explain-slot]');
    if (explainSlot) explainSlot.textContent = this.#part('[data-explain]')?.textContent ?? '';
    this.#part('[data-fallback]')?.remove();
    for (const node of this.#parts('[data-nojs]')) node.remove();
    form.hidden = false;

    form.addEventListener('submit', this.#commit);
    form.addEventListener('input', this.#clearErrorOf);
    form.addEventListener('change', this.#clearErrorOf);
    this.#part('[data-skip]')?.addEventListener('click', this.#skip);
    this.#part('[data-again]')?.addEventListener('click', this.#again);

    const loaded = loadRecords();
    this.#say(loaded.ok ? '' : loaded.message);
    this.#records = loaded.ok ? loaded.records : [];
    const past = latestFor(this.#records, d.concept, d.question!);
    if (past) this.#showResult(past, false);
    else this.#ask();
  }

  /** Parts of this island, never of the demo in its slot (which may use the same attributes). */
  #parts<T extends HTMLElement = HTMLElement>(selector: string): T[] {
    const demo = this.querySelector(':scope > [data-demo]');
    return [...this.querySelectorAll<T>(selector)].filter((el) => el === demo || !demo?.contains(el));
  }

  #part<T extends HTMLElement = HTMLElement>(selector: string): T | null {
    return this.#parts<T>(selector)[0] ?? null;
  }

  #setDemoOpen(open: boolean) {
    const demo = this.#part('[data-demo]');
    const gate = this.#part('[data-gate]');
    if (demo) demo.hidden = !open;
    if (gate) gate.hidden = open;
  }

  #ask() {
    this.#part('[data-form]')!.hidden = false;
    this.#part('[data-result]')!.hidden = true;
    this.#setDemoOpen(false);
  }

  #skip = () => {
    this.#setDemoOpen(true);
    this.#part('[data-demo]')?.focus();
  };

  #again = () => {
    const form = this.#part<HTMLFormElement>('[data-form]')!;
    form.reset();
    for (const error of [...this.#parts('[data-answer-error]'), ...this.#parts('[data-confidence-error]')])
      error.textContent = '';
    this.#part('[data-estimate]')?.removeAttribute('aria-invalid');
    form.hidden = false;
    this.#part('[data-result]')!.hidden = true;
    // The demo stays open: the reader has seen it, and hiding it again would only move the page.
    this.#part<HTMLInputElement>('[data-form] input')?.focus();
  };

  #clearErrorOf = (event: Event) => {
    const target = event.target as HTMLInputElement;
    if (target.matches('[data-confidence]')) this.#error('[data-confidence-error]', '');
    else if (target.matches('[data-choice]')) this.#error('[data-answer-error]', '');
    else if (target.matches('[data-estimate]') && target.getAttribute('aria-invalid') === 'true') {
      const q = this.#question;
      if (q?.kind === 'number' && parseEstimate(target.value, q.unit, target.validity.badInput).ok) {
        this.#error('[data-answer-error]', '');
        target.removeAttribute('aria-invalid');
      }
    }
  };

  #error(selector: string, message: string) {
    const el = this.#part(selector);
    if (el) el.textContent = message;
  }

  /** The answer, or null with a message beside the field. */
  #readAnswer(q: Question): Given | null {
    if (q.kind === 'choice') {
      const picked = this.#parts<HTMLInputElement>('[data-choice]').find((r) => r.checked);
      this.#error('[data-answer-error]', picked ? '' : 'Choose an answer first.');
      return picked ? { kind: 'choice', index: Number(picked.value) } : null;
    }
    const input = this.#part<HTMLInputElement>('[data-estimate]')!;
    const parsed = parseEstimate(input.value, q.unit, input.validity.badInput);
    this.#error('[data-answer-error]', parsed.ok ? '' : parsed.error);
    if (parsed.ok) input.removeAttribute('aria-invalid');
    else input.setAttribute('aria-invalid', 'true');
    return parsed.ok ? { kind: 'number', value: parsed.value } : null;
  }

  #readConfidence(): Confidence | null {
    const picked = this.#parts<HTMLInputElement>('[data-confidence]').find((r) => r.checked);
    const value = CONFIDENCE_LEVELS.find((c) => String(c) === picked?.value) ?? null;
    this.#error('[data-confidence-error]', value ? '' : 'Say how sure you are: 50, 70 or 90 %.');
    return value;
  }

  #commit = (event: Event) => {
    event.preventDefault();
    const q = this.#question!;
    const given = this.#readAnswer(q);
    const confidence = this.#readConfidence();
    if (!given) {
      this.#part<HTMLInputElement>(q.kind === 'choice' ? '[data-choice]' : '[data-estimate]')?.focus();
      return;
    }
    if (!confidence) {
      this.#part<HTMLInputElement>('[data-confidence]')?.focus();
      return;
    }
    const scored = scoreAnswer(q, given);
    const record: PredictionRecord = {
      concept: this.dataset.concept!,
      question: this.dataset.question!,
      prompt: this.dataset.prompt!,
      kind: q.kind,
      answer: scored.answer,
      expected: scored.expected,
      confidence,
      correct: scored.correct,
      at: new Date().toISOString(),
    };
    this.#store(record);
    this.#showResult(record, true);
    this.#setDemoOpen(true);
    this.#part('[data-verdict]')?.focus();
  };

  /** Adds the record to what is stored now (another question or tab may have written since load). */
  #store(record: PredictionRecord) {
    const loaded = loadRecords();
    if (!loaded.ok) {
      this.#records = addRecord(this.#records, record);
      this.#say(`This prediction was not saved. ${loaded.message}`);
      return;
    }
    this.#records = addRecord(loaded.records, record);
    try {
      localStorage.setItem(PREDICTIONS_KEY, JSON.stringify(toPredictionsFile(this.#records)));
      this.#say('');
    } catch {
      this.#say(
        'This prediction could not be saved (storage is full or blocked): it is shown here but will not appear on the review page.',
      );
    }
  }

  #showResult(record: PredictionRecord, fresh: boolean) {
    const q = this.#question!;
    const verdict = this.#part('[data-verdict]')!;
    verdict.dataset.correct = String(record.correct);
    verdict.textContent = fresh
      ? record.correct
        ? 'Right.'
        : 'Not right this time.'
      : `You predicted this on ${formatDate(record.at)}: ${record.correct ? 'right' : 'not right'}.`;
    const range = q.kind === 'number' ? ` ${acceptedText(q)}` : '';
    const verb = record.kind === 'choice' ? 'chose' : 'answered';
    this.#part('[data-summary]')!.textContent =
      `You ${verb} ${record.answer}, ${record.confidence} % sure. The answer is ${record.expected}.${range}`;
    const item = [
      ...Object.values(reviewQueue(this.#records, Date.now(), new Date().getTimezoneOffset())).flat(),
    ].find((i) => i.concept === record.concept && i.question === record.question);
    this.#part('[data-next]')!.textContent = !item
      ? ''
      : item.isDue
        ? 'This question is due for review: predict again before you look back at the demo.'
        : `It comes back in your review queue on ${formatDay(item.dueOn)}.`;
    this.#part('[data-form]')!.hidden = true;
    this.#part('[data-result]')!.hidden = false;
    this.#setDemoOpen(true);
  }

  #say(message: string) {
    const status = this.#part('[data-status]');
    if (status) status.textContent = message;
  }
}

customElements.define('cf-prediction', CfPrediction);
