// The prediction-first wrapper (<Prediction>, cf-prediction) on the KV-cache notebook and the
// /review/ page (cf-review): gate, commit, reveal, memory, review queue, calibration, export,
// import (including hostile files), clear, storage failures, no JavaScript, keyboard and axe.
import type { Download, Page } from '@playwright/test';
import { at, expect as baseExpect, expectNoSeriousA11yViolations, test } from './fixtures';

// The shared 2-core machine can take many seconds to load an island under load; a missing reaction
// still fails, just later.
const expect = baseExpect.configure({ timeout: 20_000 });
// The notebook is a heavy page (KaTeX, the calculator); axe over it takes long on a busy machine.
test.describe.configure({ timeout: 300_000 });

const KEY = 'cf:predictions';
const NUMBER_ID = 'prediction-llama-2-7b-batch-8-gib';
const CHOICE_ID = 'prediction-llama-3-8b-per-token';
const NUMBER_PROMPT =
  'Llama 2 7B serves 8 sequences of 4,096 tokens each, caching keys and values in fp16. How many GiB of KV cache is that?';
const CHOICE_PROMPT =
  "Llama 3 8B keeps Llama 2 7B's 32 layers, 32 query heads and head dimension 128, but has 8 key/value heads instead of 32. How does its cache per token compare with Llama 2 7B's 512 KiB?";

/** Page errors collected for the whole test; every test asserts there were none. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

async function openNotebook(page: Page) {
  await page.goto(at('concepts/kv-cache/'));
  const number = page.locator(`#${NUMBER_ID}`);
  const choice = page.locator(`#${CHOICE_ID}`);
  // The island has loaded once its form is shown.
  await number.scrollIntoViewIfNeeded();
  await expect(number.locator('.prediction-form')).toBeVisible();
  await choice.scrollIntoViewIfNeeded();
  await expect(choice.locator('.prediction-form')).toBeVisible();
  return { number, choice };
}

async function stored(page: Page): Promise<Record<string, unknown>[]> {
  const raw = await page.evaluate((key) => localStorage.getItem(key), KEY);
  return raw === null ? [] : (JSON.parse(raw) as { records: Record<string, unknown>[] }).records;
}

async function textOf(download: Download): Promise<string> {
  const stream = await download.createReadStream();
  return Buffer.concat(await stream.toArray()).toString('utf8');
}

const record = (over: Record<string, unknown>) => ({
  concept: 'kv-cache',
  question: 'llama-2-7b-batch-8-gib',
  prompt: NUMBER_PROMPT,
  kind: 'number',
  answer: '12 GiB',
  expected: '16 GiB',
  confidence: 70,
  correct: false,
  at: new Date().toISOString(),
  ...over,
});
const file = (records: unknown[]) => ({ format: 'continuous-function/predictions', version: 1, records });

test('a number prediction keeps the demo closed, scores a wrong answer, opens the demo and is remembered', async ({
  page,
}) => {
  const errors = watchErrors(page);
  const { number } = await openNotebook(page);
  const calculatorPreset = number.getByLabel('Model preset');

  // Gated: the demo is hidden, the answer is not on the page, the gate says why and offers a way out.
  await expect(number.getByText('The demo opens once you commit a prediction')).toBeVisible();
  await expect(number.getByRole('button', { name: 'Skip and just explore' })).toBeVisible();
  await expect(calculatorPreset).toBeHidden();
  await expect(number.getByText('Show the answer')).toHaveCount(0);
  await expect(number.getByText('Within ± 1 GiB of the true value counts as right.')).toBeVisible();

  // Nothing chosen: both messages, focus back on the estimate.
  const estimate = number.getByLabel('Your estimate, in GiB');
  await number.getByRole('button', { name: 'Commit prediction' }).click();
  await expect(number.getByText('Enter your estimate as a number first.')).toBeVisible();
  await expect(number.getByText('Say how sure you are: 50, 70 or 90 %.')).toBeVisible();
  await expect(estimate).toBeFocused();

  // Not a number: a message beside the field, marked invalid, nothing revealed.
  await estimate.fill('abc');
  await number.getByRole('button', { name: 'Commit prediction' }).click();
  await expect(number.getByText('"abc" is not a number: enter digits such as 16 or 2.5.')).toBeVisible();
  await expect(estimate).toHaveAttribute('aria-invalid', 'true');
  await expect(calculatorPreset).toBeHidden();

  // A wrong answer, by pointer.
  await estimate.fill('12');
  await expect(estimate).not.toHaveAttribute('aria-invalid', 'true');
  await number.getByText('70 %').click();
  await expect(number.getByText('Say how sure you are')).toHaveCount(0);
  await number.getByRole('button', { name: 'Commit prediction' }).click();

  const verdict = number.locator('[data-verdict]');
  await expect(verdict).toHaveText('Not right this time.');
  await expect(verdict).toBeFocused();
  await expect(number.locator('[data-summary]')).toHaveText(
    'You answered 12 GiB, 70 % sure. The answer is 16 GiB. Anything from 15 to 17 GiB counts as right.',
  );
  await expect(number.getByText('32,768 × 512 KiB is exactly 16 GiB')).toBeVisible();
  await expect(number.getByText(/^It comes back in your review queue on /)).toBeVisible();
  await expect(number.locator('.prediction-form')).toBeHidden();
  await expect(number.getByText('The demo opens once you commit')).toBeHidden();
  await expect(calculatorPreset).toBeVisible();
  // The demo is live, not a picture: its result reads the worked example.
  await expect(number.locator('[data-kv="total-bytes"]').first()).toHaveAttribute(
    'data-value',
    '17179869184',
  );

  const records = await stored(page);
  expect(records).toHaveLength(1);
  expect(records[0]).toMatchObject({
    concept: 'kv-cache',
    question: 'llama-2-7b-batch-8-gib',
    prompt: NUMBER_PROMPT,
    kind: 'number',
    answer: '12 GiB',
    expected: '16 GiB',
    confidence: 70,
    correct: false,
  });
  expect(Date.now() - Date.parse(String(records[0]!.at))).toBeLessThan(60_000);

  // Remembered: after a reload the past answer shows and the demo opens directly.
  await page.reload();
  await number.scrollIntoViewIfNeeded();
  await expect(verdict).toHaveText(/^You predicted this on .+: not right\.$/);
  await expect(number.locator('[data-summary]')).toContainText('You answered 12 GiB, 70 % sure.');
  await expect(calculatorPreset).toBeVisible();
  await expect(number.locator('.prediction-form')).toBeHidden();

  // Predict again, by keyboard, with the unit typed: right this time.
  await number.getByRole('button', { name: 'Predict again' }).click();
  await expect(estimate).toBeFocused();
  await expect(estimate).toHaveValue('');
  await page.keyboard.type('16.5 GiB');
  await page.keyboard.press('Tab'); // to the first confidence radio
  await page.keyboard.press('ArrowRight'); // 70 %
  await page.keyboard.press('ArrowRight'); // 90 %
  await page.keyboard.press('Enter'); // submits the form
  await expect(verdict).toHaveText('Right.');
  await expect(verdict).toBeFocused();
  await expect(number.locator('[data-summary]')).toContainText('You answered 16.5 GiB, 90 % sure.');
  expect((await stored(page)).map((r) => [r.answer, r.correct, r.confidence])).toEqual([
    ['16.5 GiB', true, 90],
    ['12 GiB', false, 70],
  ]);
  expect(errors).toEqual([]);
});

test('a choice prediction by keyboard alone; the standalone question has no gate', async ({ page }) => {
  const errors = watchErrors(page);
  const { choice } = await openNotebook(page);
  await expect(choice.getByRole('heading', { level: 4, name: CHOICE_PROMPT })).toBeVisible();
  await expect(choice.locator('[data-gate]')).toHaveCount(0);

  await choice.getByRole('radio', { name: /^A\. The same 512 KiB/ }).focus();
  await page.keyboard.press('ArrowDown'); // B, checked by moving
  await expect(choice.getByRole('radio', { name: 'B. A quarter, 128 KiB' })).toBeChecked();
  await page.keyboard.press('Tab'); // into the confidence group
  await page.keyboard.press('Space'); // 50 %
  await page.keyboard.press('Tab'); // Commit
  await expect(choice.getByRole('button', { name: 'Commit prediction' })).toBeFocused();
  await page.keyboard.press('Enter');

  const verdict = choice.locator('[data-verdict]');
  await expect(verdict).toHaveText('Right.');
  await expect(verdict).toBeFocused();
  await expect(choice.locator('[data-summary]')).toHaveText(
    'You chose B. A quarter, 128 KiB, 50 % sure. The answer is B. A quarter, 128 KiB.',
  );
  await expect(choice.getByText('512 KiB × 8 / 32 = 128 KiB')).toBeVisible();
  // Right the first time: nothing to review.
  await expect(choice.locator('[data-next]')).toHaveText('');

  // A wrong choice on a second go puts it in the queue; the earlier record stays.
  await choice.getByRole('button', { name: 'Predict again' }).press('Enter');
  await choice.getByText('Half, 256 KiB').click();
  await choice.getByText('90 %').click();
  await choice.getByRole('button', { name: 'Commit prediction' }).click();
  await expect(verdict).toHaveText('Not right this time.');
  await expect(choice.locator('[data-summary]')).toHaveText(
    'You chose C. Half, 256 KiB: it stores bfloat16 instead of float16, 90 % sure. The answer is B. A quarter, 128 KiB.',
  );
  expect((await stored(page)).map((r) => [r.question, r.kind, r.correct])).toEqual([
    ['llama-3-8b-per-token', 'choice', false],
    ['llama-3-8b-per-token', 'choice', true],
  ]);
  expect(errors).toEqual([]);
});

test('skip opens the demo without recording anything', async ({ page }) => {
  const errors = watchErrors(page);
  const { number } = await openNotebook(page);
  const skip = number.getByRole('button', { name: 'Skip and just explore' });
  await skip.focus();
  await page.keyboard.press('Enter');
  await expect(number.getByLabel('Model preset')).toBeVisible();
  await expect(number.locator('[data-demo]')).toBeFocused();
  await expect(skip).toBeHidden();
  // The question is still there to answer later, and nothing was stored.
  await expect(number.locator('.prediction-form')).toBeVisible();
  expect(await stored(page)).toEqual([]);
  expect(errors).toEqual([]);
});

test('without JavaScript the question, the demo and the answer (closed) are all on the page', async ({
  browser,
  baseURL,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL });
  const page = await context.newPage();
  await page.goto(at('concepts/kv-cache/'));
  const number = page.locator(`#${NUMBER_ID}`);
  await expect(number.getByRole('heading', { name: NUMBER_PROMPT })).toBeVisible();
  await expect(number.locator('.prediction-form')).toBeHidden();
  await expect(number.getByText('Skip and just explore')).toBeHidden();
  await expect(number.getByLabel('Model preset')).toBeVisible();
  const answer = number.locator('details.prediction-fallback');
  await expect(answer).not.toHaveAttribute('open');
  await expect(answer.getByText('32,768 × 512 KiB')).toBeHidden();
  await answer.getByText('Show the answer').click();
  await expect(answer).toContainText('The answer: 16 GiB. Anything from 15 to 17 GiB counts as right.');
  const choice = page.locator(`#${CHOICE_ID}`);
  await expect(choice.getByRole('listitem').filter({ hasText: 'A quarter, 128 KiB' })).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'Your past predictions and review queue' }).first(),
  ).toHaveAttribute('href', /\/review\/$/);
  await page.goto(at('review/'));
  await expect(page.getByRole('heading', { level: 1, name: 'Your predictions' })).toBeVisible();
  await expect(page.getByText('which this page reads with JavaScript')).toBeVisible();
  await expect(page.getByRole('link', { name: 'KV cache' })).toHaveAttribute(
    'href',
    /concepts\/kv-cache\/#prediction-llama-3-8b-per-token$/,
  );
  await context.close();
});

test('/review/ lists predictions with calibration and the review queue, and downloads CSV and JSON', async ({
  page,
}) => {
  const errors = watchErrors(page);
  const { number, choice } = await openNotebook(page);
  await number.getByLabel('Your estimate, in GiB').fill('12');
  await number.getByText('70 %').click();
  await number.getByRole('button', { name: 'Commit prediction' }).click();
  await expect(number.locator('[data-verdict]')).toHaveText('Not right this time.');
  await choice.getByText('A quarter, 128 KiB').click();
  await choice.getByText('90 %').click();
  await choice.getByRole('button', { name: 'Commit prediction' }).click();
  await expect(choice.locator('[data-verdict]')).toHaveText('Right.');
  // An older miss, three days ago, so something is due today.
  await page.evaluate(
    ([key, old]) => {
      const data = JSON.parse(localStorage.getItem(key)!);
      data.records.push(old);
      localStorage.setItem(key, JSON.stringify(data));
    },
    [
      KEY,
      record({
        question: 'older-question',
        prompt: 'An older question, missed three days ago',
        confidence: 50,
        at: new Date(Date.now() - 3 * 86_400_000).toISOString(),
      }),
    ] as const,
  );

  await page.goto(at('review/'));
  const history = page.getByRole('table', { name: 'Newest first' });
  await expect(history).toBeVisible();
  const rows = history.locator('tbody tr');
  await expect(rows).toHaveCount(3);
  // Newest first: the choice, then the number, then the old miss.
  await expect(rows.nth(0).locator('td').nth(2)).toHaveText(CHOICE_PROMPT);
  await expect(rows.nth(0).locator('td').nth(6)).toHaveText('right');
  await expect(rows.nth(1).locator('td').nth(2)).toHaveText(NUMBER_PROMPT);
  await expect(rows.nth(1).locator('td').nth(3)).toHaveText('12 GiB');
  await expect(rows.nth(1).locator('td').nth(4)).toHaveText('16 GiB');
  await expect(rows.nth(1).locator('td').nth(5)).toHaveText('70 % (fairly sure)');
  await expect(rows.nth(1).locator('td').nth(6)).toHaveText('wrong');
  await expect(rows.nth(1).getByRole('link', { name: 'KV cache' })).toHaveAttribute(
    'href',
    /concepts\/kv-cache\/#prediction-llama-2-7b-batch-8-gib$/,
  );
  await expect(page.getByText('None yet.')).toBeHidden();

  // Calibration: 50 % 0 of 1, 70 % 0 of 1, 90 % 1 of 1; expected 0.5 + 0.7 + 0.9 = 2.1 right.
  const calibration = page.getByRole('table', { name: 'How often you were right at each stated confidence' });
  const row = (label: string) => calibration.getByRole('row', { name: new RegExp(`^${label}`) });
  await expect(row('50 %').getByRole('cell')).toHaveText(['1', '0', '0 %']);
  await expect(row('70 %').getByRole('cell')).toHaveText(['1', '0', '0 %']);
  await expect(row('90 %').getByRole('cell')).toHaveText(['1', '1', '100 %']);
  await expect(page.locator('[data-calibration-summary]')).toHaveText(
    'Of 3 predictions, 1 was right (33 %). The confidence you stated expected about 2.1 right.',
  );

  // Queue: the old miss is due; today's miss comes back tomorrow; the right answer is not queued.
  const due = page.getByRole('list', { name: 'Due today' });
  const later = page.getByRole('list', { name: 'Later' });
  await expect(due.getByRole('listitem')).toHaveCount(1);
  await expect(due.getByRole('listitem')).toContainText('An older question, missed three days ago');
  await expect(due.getByRole('listitem')).toContainText('due since');
  await expect(later.getByRole('listitem')).toHaveCount(1);
  await expect(later.getByRole('link', { name: NUMBER_PROMPT })).toHaveAttribute(
    'href',
    /concepts\/kv-cache\/#prediction-llama-2-7b-batch-8-gib$/,
  );
  await expect(later.getByRole('listitem')).toContainText('review 1 of 4');
  await expect(page.getByText('Nothing is due.')).toBeHidden();

  // CSV: BOM, header, three rows newest first, commas in the question quoted.
  const records = await stored(page);
  const csvDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download CSV' }).click();
  const csv = await csvDownload;
  expect(csv.suggestedFilename()).toBe('continuous-function-predictions.csv');
  const lines = (await textOf(csv)).split('\r\n');
  expect(lines[0]).toBe('\uFEFFat,concept,question,prompt,kind,answer,expected,confidence,correct');
  expect(lines).toHaveLength(5); // header, 3 rows, and the empty string after the last CRLF
  expect(lines[2]).toBe(
    `${records[1]!.at},kv-cache,llama-2-7b-batch-8-gib,"${NUMBER_PROMPT}",number,12 GiB,16 GiB,70,false`,
  );
  expect(lines[1]).toBe(
    `${records[0]!.at},kv-cache,llama-3-8b-per-token,"${CHOICE_PROMPT}",choice,"B. A quarter, 128 KiB","B. A quarter, 128 KiB",90,true`,
  );
  await expect(
    page.getByRole('status').filter({ hasText: 'Downloaded 3 predictions as CSV.' }),
  ).toBeVisible();

  // JSON: exactly what is stored, in the import format.
  const jsonDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download JSON' }).click();
  const json = await jsonDownload;
  expect(json.suggestedFilename()).toBe('continuous-function-predictions.json');
  expect(JSON.parse(await textOf(json))).toEqual(file(records));
  expect(errors).toEqual([]);
});

test('import merges a good file, refuses malformed ones, and shows hostile text as text', async ({
  page,
}) => {
  const errors = watchErrors(page);
  const mine = record({ at: '2025-03-10T09:00:00.000Z' });
  await page.goto(at('review/'));
  await page.evaluate(([key, text]) => localStorage.setItem(key, text), [
    KEY,
    JSON.stringify(file([mine])),
  ] as const);
  await page.reload();
  const rows = page.getByRole('table', { name: 'Newest first' }).locator('tbody tr');
  await expect(rows).toHaveCount(1);
  const input = page.locator('input[type="file"]');
  const toolStatus = page.locator('[data-tool-status]');
  const upload = (name: string, text: string) =>
    input.setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });

  // Good: one duplicate (the same instant written without milliseconds), one new.
  const fresh = record({
    question: 'another-question',
    prompt: 'Another question',
    at: '2025-03-12T09:00:00.000Z',
  });
  await upload('good.json', JSON.stringify(file([{ ...mine, at: '2025-03-10T09:00:00Z' }, fresh])));
  await expect(toolStatus).toHaveText('Imported 1 new prediction. 1 was already here. Nothing was removed.');
  await expect(rows).toHaveCount(2);

  // Malformed: not JSON, and JSON of the wrong shape. Nothing changes.
  await upload('broken.json', '{oops');
  await expect(toolStatus).toHaveText(
    'This is not JSON, so it cannot be a predictions file. Nothing was changed.',
  );
  await upload('shape.json', JSON.stringify(file([{ ...fresh, confidence: 60 }])));
  await expect(toolStatus).toContainText('(at records.0.confidence)');
  await expect(toolStatus).toContainText('Nothing was changed.');
  // Markup as a concept slug is refused by the format itself.
  await upload(
    'slug.json',
    JSON.stringify(file([{ ...fresh, concept: '<img src=x onerror="window.pwned=1">' }])),
  );
  await expect(toolStatus).toContainText('(at records.0.concept)');
  await expect(rows).toHaveCount(2);

  // Hostile text in free-text fields is valid data: imported, and shown as the characters it is.
  const img = '<img src=x onerror="window.pwned=1">';
  const script = '<script>window.pwned=2</script>';
  const hostile = record({
    question: 'hostile',
    prompt: img,
    answer: script,
    expected: '<b onmouseover="window.pwned=3">bold</b>',
    at: '2025-03-13T09:00:00.000Z',
  });
  await upload('hostile.json', JSON.stringify(file([hostile])));
  await expect(toolStatus).toHaveText('Imported 1 new prediction. Nothing was removed.');
  await expect(rows).toHaveCount(3);
  const top = rows.nth(0).locator('td');
  await expect(top.nth(2)).toHaveText(img);
  await expect(top.nth(3)).toHaveText(script);
  await expect(top.nth(4)).toHaveText('<b onmouseover="window.pwned=3">bold</b>');
  // It was a miss, so it is queued too, with the payload as link text.
  await expect(page.getByRole('link', { name: img })).toHaveCount(1);
  await expect(
    page.locator('cf-review img, cf-review script:not([type="application/json"]), cf-review b'),
  ).toHaveCount(0);
  await page.getByRole('link', { name: img }).hover();
  expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();

  // Nothing was lost on the way.
  expect((await stored(page)).map((r) => r.question)).toEqual([
    'hostile',
    'another-question',
    'llama-2-7b-batch-8-gib',
  ]);
  await expectNoSeriousA11yViolations(page);
  expect(errors).toEqual([]);
});

test('clear asks first, and keeps everything on "Keep them"', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(at('review/'));
  await page.evaluate(([key, text]) => localStorage.setItem(key, text), [
    KEY,
    JSON.stringify(
      file([record({ at: '2025-03-10T09:00:00.000Z' }), record({ at: '2025-03-11T09:00:00.000Z' })]),
    ),
  ] as const);
  await page.reload();
  const clear = page.getByRole('button', { name: 'Clear all predictions…' });
  await clear.click();
  const confirm = page.getByRole('group', { name: /^Delete all 2 predictions from this browser\?/ });
  await expect(confirm).toBeVisible();
  await expect(confirm.getByRole('button', { name: 'Keep them' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(confirm).toBeHidden();
  await expect(page.locator('[data-tool-status]')).toHaveText('Nothing was deleted.');
  await expect(clear).toBeFocused();
  expect(await stored(page)).toHaveLength(2);

  await clear.click();
  await confirm.getByRole('button', { name: 'Delete them' }).click();
  await expect(page.locator('[data-tool-status]')).toHaveText('Deleted 2 predictions.');
  await expect(page.getByText('None yet.')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Newest first' })).toBeHidden();
  expect(await page.evaluate((key) => localStorage.getItem(key), KEY)).toBeNull();
  expect(errors).toEqual([]);
});

test('damaged storage is reported, never written over, and can be downloaded', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(at('concepts/kv-cache/'));
  await page.evaluate((key) => localStorage.setItem(key, '{broken'), KEY);
  const { number } = await openNotebook(page);
  await expect(number.locator('[data-status]')).toContainText('Your saved predictions could not be read');
  await number.getByLabel('Your estimate, in GiB').fill('16');
  await number.getByText('50 %').click();
  await number.getByRole('button', { name: 'Commit prediction' }).click();
  // Scored and shown, but not saved over the damaged data.
  await expect(number.locator('[data-verdict]')).toHaveText('Right.');
  await expect(number.locator('[data-status]')).toContainText('This prediction was not saved.');
  expect(await page.evaluate((key) => localStorage.getItem(key), KEY)).toBe('{broken');

  await page.goto(at('review/'));
  await expect(page.locator('[data-status]')).toContainText('The stored predictions cannot be read');
  await expect(page.getByRole('button', { name: 'Download CSV' })).toBeHidden();
  const raw = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download the unreadable data' }).click();
  expect(await textOf(await raw)).toBe('{broken');
  // An import does not go over it either.
  await page.locator('input[type="file"]').setInputFiles({
    name: 'good.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(file([record({})]))),
  });
  await expect(page.locator('[data-tool-status]')).toContainText('nothing was imported over them');
  expect(await page.evaluate((key) => localStorage.getItem(key), KEY)).toBe('{broken');
  expect(errors).toEqual([]);
});

test('a storage failure on commit is shown, not swallowed', async ({ page }) => {
  const errors = watchErrors(page);
  await page.addInitScript(() => {
    Storage.prototype.setItem = () => {
      throw new DOMException('full', 'QuotaExceededError');
    };
  });
  const { number } = await openNotebook(page);
  await number.getByLabel('Your estimate, in GiB').fill('16');
  await number.getByText('90 %').click();
  await number.getByRole('button', { name: 'Commit prediction' }).click();
  await expect(number.locator('[data-verdict]')).toHaveText('Right.');
  await expect(number.getByRole('status')).toHaveText(
    'This prediction could not be saved (storage is full or blocked): it is shown here but will not appear on the review page.',
  );
  await expect(number.getByLabel('Model preset')).toBeVisible();
  expect(errors).toEqual([]);
});

test('axe finds nothing serious on the gated question', async ({ page }) => {
  const { number } = await openNotebook(page);
  await expect(number).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'cf-prediction');
});

test('axe finds nothing serious after the reveal', async ({ page }) => {
  const { number } = await openNotebook(page);
  await number.getByLabel('Your estimate, in GiB').fill('20');
  await number.getByText('50 %').click();
  await number.getByRole('button', { name: 'Commit prediction' }).click();
  await expect(number.locator('[data-verdict]')).toHaveText('Not right this time.');
  await expectNoSeriousA11yViolations(page);
});

test('axe finds nothing serious on /review/ with predictions and an open confirmation', async ({ page }) => {
  await page.goto(at('review/'));
  await page.evaluate(([key, text]) => localStorage.setItem(key, text), [
    KEY,
    JSON.stringify(file([record({ at: new Date(Date.now() - 86_400_000).toISOString() })])),
  ] as const);
  await page.reload();
  await expect(page.getByRole('table', { name: 'Newest first' }).locator('tbody tr')).toHaveCount(1);
  await page.getByRole('button', { name: 'Clear all predictions…' }).click();
  await expect(page.getByRole('button', { name: 'Keep them' })).toBeFocused();
  await expectNoSeriousA11yViolations(page);
});
