// Notes on atlas objects (cf-note beside each object, cf-notes on /notes/): stable anchors, add a
// note on an equation and see it after a reload, the /notes/ list with links back, export, clear,
// import (merge, duplicates, hostile files), editing a note (beside its object and on /notes/),
// objects no longer on the site, storage failures, "Report a problem", keyboard, and axe in light
// and dark.
import type { Download, Page } from '@playwright/test';
import { at, expect as baseExpect, expectNoSeriousA11yViolations, test } from './fixtures';

const expect = baseExpect.configure({ timeout: 20_000 });
// KaTeX-heavy notebook; axe over it takes long on a busy 2-core machine.
test.describe.configure({ timeout: 300_000 });

const KEY = 'cf:notes';
const FORMAT = 'continuous-function/notes';

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

async function textOf(download: Download): Promise<string> {
  const stream = await download.createReadStream();
  return Buffer.concat(await stream.toArray()).toString('utf8');
}

/** The equation's notes control, loaded. */
async function equationControl(page: Page) {
  await page.goto(at('concepts/kv-cache/#eq-mem-kv'));
  const equation = page.locator('#eq-mem-kv');
  await equation.scrollIntoViewIfNeeded();
  const control = equation.locator('cf-note');
  await expect(control.getByRole('button', { name: /^(Add a note|Notes \(\d+\))$/ })).toBeVisible();
  return control;
}

const note = (over: Record<string, unknown> = {}) => ({
  id: 'n-0123456789abcdef',
  object: 'kv-cache#eq-mem-kv',
  objectLabel: 'Equation mem-kv',
  kind: 'question',
  text: 'Why a factor of 2?',
  at: '2026-01-02T03:04:05.000Z',
  ...over,
});
const file = (notes: unknown[], version = 2) => JSON.stringify({ format: FORMAT, version, notes });

test('an equation has a stable anchor, a note added beside it survives a reload, and hostile Markdown stays inert', async ({
  page,
}) => {
  const errors = watchErrors(page);
  const control = await equationControl(page);
  // The anchor is the equation itself: KaTeX output inside the element with the id.
  await expect(page.locator('#eq-mem-kv .katex-display')).toHaveCount(1);

  const toggle = control.getByRole('button', { name: 'Add a note' });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const panel = control.getByRole('region', { name: 'Your notes on Equation mem-kv' });
  await expect(panel.getByLabel('Note', { exact: true })).toBeFocused();

  // A reproduction needs what was run and what came out.
  await panel.getByRole('radio', { name: 'Reproduction' }).check();
  await panel.getByLabel('Note', { exact: true }).fill('The factor **2** is keys *and* values.');
  await panel.getByRole('button', { name: 'Save note' }).click();
  await expect(panel.getByRole('status')).toHaveText('A reproduction says what you ran and what came out.');
  await panel.getByLabel('What you ran').fill('python3 witness.py');
  await panel.getByLabel('What came out').fill('17179869184 bytes');
  await panel.getByRole('button', { name: 'Save note' }).click();
  await expect(panel.getByRole('status')).toHaveText('Saved your reproduction in this browser.');
  await expect(control.getByRole('button', { name: 'Notes (1)' })).toBeVisible();
  await expect(panel.locator('.note-text strong')).toHaveText('2');

  // Hostile Markdown: shown as text, no element made, no script run, no javascript: link.
  await panel.getByRole('radio', { name: 'Question' }).check();
  await panel
    .getByLabel('Note', { exact: true })
    .fill('<img src=x onerror="window.pwned=1"> and [click](javascript:window.pwned=2) and <script>window.pwned=3</script>');
  await panel.getByRole('button', { name: 'Save note' }).click();
  await expect(control.getByRole('button', { name: 'Notes (2)' })).toBeVisible();
  await expect(panel.locator('.note-text').first()).toContainText('<img src=x onerror="window.pwned=1">');
  await expect(control.locator('img, script, a[href^="javascript"]')).toHaveCount(0);
  expect(await page.evaluate(() => 'pwned' in window)).toBe(false);

  // Escape closes the panel and gives focus back to the toggle.
  await panel.getByLabel('Note', { exact: true }).focus();
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(control.getByRole('button', { name: 'Notes (2)' })).toBeFocused();

  await page.reload();
  const again = await equationControl(page);
  await again.getByRole('button', { name: 'Notes (2)' }).click();
  await expect(again.locator('.note-reproduction .note-text')).toHaveText('The factor 2 is keys and values.');
  await expect(again.locator('.note-reproduction .note-run')).toContainText('17179869184 bytes');
  // The concept's own control does not show the equation's notes.
  await expect(page.locator('cf-note[data-object="kv-cache"]').getByRole('button', { name: 'Add a note' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('"Report a problem" opens a prefilled issue naming the object, the page and the build', async ({ page }) => {
  await page.goto(at('concepts/kv-cache/'));
  const link = page.locator('#eq-mem-kv').getByRole('link', { name: 'Report a problem with Equation mem-kv' });
  const href = new URL((await link.getAttribute('href'))!);
  expect(href.pathname).toMatch(/\/issues\/new$/);
  expect(href.searchParams.get('title')).toBe('Problem with kv-cache#eq-mem-kv');
  const body = href.searchParams.get('body')!;
  expect(body).toContain('Object: kv-cache#eq-mem-kv (Equation mem-kv)');
  expect(body).toMatch(/Page: http\S*\/concepts\/kv-cache\/#eq-mem-kv/);
  expect(body).toMatch(/Build: \S+/);
  // Every object has one: concept, equation, witness, demo, claim boundary and sourced claims.
  for (const id of ['kv-cache', 'kv-cache#witness', 'kv-cache#demo', 'kv-cache#claim-boundary'])
    await expect(page.locator(`cf-note[data-object="${id}"] a.object-report`)).toHaveCount(1);
  expect(await page.locator('cf-note[data-object^="kv-cache#claim-"]').count()).toBeGreaterThan(2);
  // A discussion prompt is shown beside its object (and still in the list at the end).
  await expect(page.locator('[data-object-aside="kv-cache#witness"] .object-prompts')).toContainText(
    'The witness checks that cached decoding matches',
  );
  await expect(page.locator('ol.discussion')).toContainText('The witness checks that cached decoding matches');
});

test('/notes/ lists notes by object, exports, clears, imports (merging) and rejects hostile files', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(at('notes/'));
  await page.evaluate(
    ([key, text]) => localStorage.setItem(key, text),
    [
      KEY,
      // Stored by a build from before edits (format version 1): read, and exported as version 2.
      file(
        [
          note(),
          note({ id: 'n-gone-000000000001', object: 'retired-concept#eq-x', objectLabel: 'Equation x', text: 'Kept **intact**.' }),
        ],
        1,
      ),
    ] as const,
  );
  await page.reload();
  const group = page.locator('[data-group="kv-cache#eq-mem-kv"]');
  await expect(group.getByRole('link', { name: 'KV cache · Equation mem-kv' })).toHaveAttribute(
    'href',
    /\/concepts\/kv-cache\/#eq-mem-kv$/,
  );
  await expect(group.locator('.note-text')).toHaveText('Why a factor of 2?');
  const gone = page.locator('[data-gone] [data-group="retired-concept#eq-x"]');
  await expect(gone).toContainText('no longer on the site');
  await expect(gone.locator('.note-text strong')).toHaveText('intact');

  // Export JSON and Markdown.
  const json = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download JSON' }).click();
  const exported = await textOf(await json);
  expect(JSON.parse(exported)).toMatchObject({ format: FORMAT, version: 2, notes: [{}, {}] });
  const md = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download Markdown' }).click();
  const markdown = await textOf(await md);
  expect(markdown).toContain('## KV cache · Equation mem-kv');
  expect(markdown).toContain('> Why a factor of 2?');
  expect(markdown).toContain('## Objects no longer on the site');

  // Clear, with an inline confirmation.
  await page.getByRole('button', { name: 'Clear all notes…' }).click();
  await expect(page.getByRole('button', { name: 'Keep them' })).toBeFocused();
  await page.getByRole('button', { name: 'Delete them' }).click();
  await expect(page.locator('[data-tool-status]')).toHaveText('Deleted 2 notes.');
  await expect(page.locator('[data-empty]')).toBeVisible();
  expect(await page.evaluate((key) => localStorage.getItem(key), KEY)).toBeNull();

  // Import brings them back; importing again finds only duplicates.
  const input = page.locator('input[type="file"][data-import]');
  const upload = (text: string, name = 'notes.json') =>
    input.setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  await upload(exported);
  await expect(page.locator('[data-tool-status]')).toHaveText('Imported 2 new notes. Nothing was removed.');
  await expect(group.locator('.note-text')).toHaveText('Why a factor of 2?');
  await upload(exported);
  await expect(page.locator('[data-tool-status]')).toHaveText(
    'Imported 0 new notes. 2 were already here. Nothing was removed.',
  );

  // Hostile and malformed files are refused with a sentence, and nothing saved is lost.
  const before = await page.evaluate((key) => localStorage.getItem(key), KEY);
  await upload(file([note({ id: 'n-hostile-00000001', object: '<img src=x onerror=alert(1)>' })]));
  await expect(page.locator('[data-tool-status]')).toHaveText(
    /^This is not a Continuous Function notes file \(at notes\.0\.object\): .+ Nothing was changed\.$/,
  );
  await upload('<script>window.pwned=1</script>', 'evil.json');
  await expect(page.locator('[data-tool-status]')).toHaveText(
    'This is not JSON, so it cannot be a notes file. Nothing was changed.',
  );
  await upload(JSON.stringify({ format: FORMAT, version: 1, notes: [note({ kind: 'reproduction' })] }));
  await expect(page.locator('[data-tool-status]')).toContainText('what came out');
  expect(await page.evaluate((key) => localStorage.getItem(key), KEY)).toBe(before);
  await expect(page.locator('cf-notes img, cf-notes a[href^="javascript"]')).toHaveCount(0);
  expect(await page.evaluate(() => 'pwned' in window)).toBe(false);

  // Delete one note.
  await group.getByRole('button', { name: 'Delete this question note' }).click();
  await expect(page.locator('[data-tool-status]')).toHaveText('Deleted the note.');
  await expect(group).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a note is edited beside its object and on /notes/; the edit survives a reload, Cancel changes nothing, and import keeps the newest edit', async ({
  page,
}) => {
  const errors = watchErrors(page);
  const control = await equationControl(page);
  await control.getByRole('button', { name: 'Add a note' }).click();
  const panel = control.getByRole('region', { name: 'Your notes on Equation mem-kv' });
  await panel.getByLabel('Note', { exact: true }).fill('First words.');
  await panel.getByRole('button', { name: 'Save note' }).click();
  await expect(control.getByRole('button', { name: 'Notes (1)' })).toBeVisible();

  // Edit opens the same form, prefilled, and focuses the text.
  const edit = panel.getByRole('button', { name: 'Edit this question note' });
  await edit.click();
  const form = panel.locator('form.note-edit');
  await expect(form.getByRole('group', { name: 'Edit your note on Equation mem-kv' })).toBeVisible();
  await expect(form.getByLabel('Note', { exact: true })).toBeFocused();
  await expect(form.getByLabel('Note', { exact: true })).toHaveValue('First words.');
  await expect(form.getByRole('radio', { name: 'Question' })).toBeChecked();
  await expect(panel.locator('.note-text')).toHaveCount(0);

  // The edit is checked like a new note: a reproduction says what was run and what came out.
  await form.getByRole('radio', { name: 'Reproduction' }).check();
  await form.getByLabel('Note', { exact: true }).fill('Second words, **edited**.');
  await form.getByRole('button', { name: 'Save changes' }).click();
  await expect(form.getByRole('status')).toHaveText('A reproduction says what you ran and what came out.');
  await form.getByLabel('What you ran').fill('python3 witness.py');
  await form.getByLabel('What came out').fill('17179869184 bytes');
  await form.getByRole('button', { name: 'Save changes' }).click();
  await expect(form).toHaveCount(0);
  const editRepro = panel.getByRole('button', { name: 'Edit this reproduction note' });
  await expect(editRepro).toBeFocused();
  await expect(panel.locator('.note-text')).toHaveText('Second words, edited.');
  await expect(panel.locator('.note-meta')).toContainText('edited');
  await expect(panel.locator('.note-edited')).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\dT/);
  await expect(control.getByRole('button', { name: 'Notes (1)' })).toBeVisible();
  await expect(panel.getByRole('status')).toHaveText('Saved your edit in this browser.');

  // Cancel puts the note back as it was, and focus on its Edit button.
  await editRepro.click();
  await form.getByLabel('Note', { exact: true }).fill('Words to throw away.');
  await form.getByRole('button', { name: 'Cancel' }).click();
  await expect(form).toHaveCount(0);
  await expect(editRepro).toBeFocused();
  await expect(panel.locator('.note-text')).toHaveText('Second words, edited.');

  await page.reload();
  const again = await equationControl(page);
  await again.getByRole('button', { name: 'Notes (1)' }).click();
  await expect(again.locator('.note-reproduction .note-text')).toHaveText('Second words, edited.');
  await expect(again.locator('.note-reproduction .note-run')).toContainText('17179869184 bytes');
  await expect(again.locator('.note-meta')).toContainText('edited');

  // On /notes/: the edit is listed, and can be edited again (and cancelled).
  await page.goto(at('notes/'));
  const group = page.locator('[data-group="kv-cache#eq-mem-kv"]');
  await expect(group.locator('.note-text')).toHaveText('Second words, edited.');
  await expect(group.locator('.note-meta')).toContainText('edited');
  await group.getByRole('button', { name: 'Edit this reproduction note' }).click();
  const listForm = group.locator('form.note-edit');
  await expect(listForm.getByLabel('Note', { exact: true })).toBeFocused();
  await expect(listForm.getByRole('radio', { name: 'Reproduction' })).toBeChecked();
  await expect(listForm.getByLabel('What you ran')).toHaveValue('python3 witness.py');
  await listForm.getByLabel('Note', { exact: true }).fill('Not kept.');
  await listForm.getByRole('button', { name: 'Cancel' }).click();
  await expect(group.getByRole('button', { name: 'Edit this reproduction note' })).toBeFocused();
  await expect(group.locator('.note-text')).toHaveText('Second words, edited.');
  await group.getByRole('button', { name: 'Edit this reproduction note' }).click();
  await listForm.getByRole('radio', { name: 'Repair' }).check();
  await expect(listForm.getByLabel('What you ran')).toBeHidden();
  await listForm.getByLabel('Note', { exact: true }).fill('Third words.');
  await listForm.getByRole('button', { name: 'Save changes' }).click();
  await expect(group.getByRole('button', { name: 'Edit this repair note' })).toBeFocused();
  await expect(group.locator('.note-text')).toHaveText('Third words.');
  await expect(group.locator('.note-run')).toHaveCount(0);
  await expect(page.locator('[data-status]')).toHaveText('Saved your edit in this browser.');

  // Exports carry the edit.
  const json = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download JSON' }).click();
  const exported = JSON.parse(await textOf(await json));
  expect(exported).toMatchObject({ format: FORMAT, version: 2, notes: [{ kind: 'repair', text: 'Third words.' }] });
  const stored = exported.notes[0];
  expect(stored.ran).toBeUndefined();
  expect(Date.parse(stored.edited)).toBeGreaterThan(Date.parse(stored.at));
  const md = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download Markdown' }).click();
  expect(await textOf(await md)).toContain(`### Repair, ${stored.at}, edited ${stored.edited}\n\n> Third words.`);

  // Import: an older copy of the note never replaces the text here; a newer edit does.
  const input = page.locator('input[type="file"][data-import]');
  const upload = (text: string) =>
    input.setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await upload(JSON.stringify({ ...exported, notes: [{ ...stored, text: 'Older words.', edited: undefined }] }));
  await expect(page.locator('[data-tool-status]')).toHaveText(
    'Imported 0 new notes. 1 was not newer than the note here, so the text here was kept. Nothing was removed.',
  );
  await expect(group.locator('.note-text')).toHaveText('Third words.');
  const newer = new Date(Date.parse(stored.edited) + 60_000).toISOString();
  await upload(JSON.stringify({ ...exported, notes: [{ ...stored, text: 'Words from another browser.', edited: newer }] }));
  await expect(page.locator('[data-tool-status]')).toHaveText(
    'Imported 0 new notes. Updated 1 note with a newer edit. Nothing was removed.',
  );
  await expect(group.locator('.note-text')).toHaveText('Words from another browser.');

  // A storage failure is shown beside the edit form, and the text stays in it.
  await page.evaluate(() => {
    Storage.prototype.setItem = function () {
      throw new DOMException('full', 'QuotaExceededError');
    };
  });
  await group.getByRole('button', { name: 'Edit this repair note' }).click();
  await listForm.getByLabel('Note', { exact: true }).fill('Will not fit.');
  // Another tab saves a note meanwhile: the list is redrawn, and the open form keeps its text.
  const other = await page.context().newPage();
  await other.goto(at('notes/'));
  await other.evaluate(
    ([key, extra]) => {
      const stored = JSON.parse(localStorage.getItem(key)!);
      localStorage.setItem(key, JSON.stringify({ ...stored, notes: [...stored.notes, extra] }));
    },
    [KEY, note({ id: 'n-other-tab-000001', text: 'From the other tab.' })] as const,
  );
  await other.close();
  await expect(group.locator('.note-text')).toHaveText('From the other tab.');
  await expect(listForm.getByLabel('Note', { exact: true })).toHaveValue('Will not fit.');
  await expect(listForm.getByLabel('Note', { exact: true })).toBeFocused();
  await listForm.getByRole('button', { name: 'Save changes' }).click();
  await expect(listForm.getByRole('status')).toHaveText(/storage for the site is full.*Your text is still in the form\./);
  await expect(listForm.getByLabel('Note', { exact: true })).toHaveValue('Will not fit.');
  expect(errors).toEqual([]);
});

test('a lab page is an object too: a note on it is listed on /notes/ with a link back', async ({ page }) => {
  await page.goto(at('labs/kv-cache-lever/'));
  const control = page.locator('cf-note[data-object="lab-kv-cache-lever"]');
  await control.getByRole('button', { name: 'Add a note' }).click();
  await control.getByLabel('Note', { exact: true }).fill('Scenario 3 surprised me.');
  await control.getByRole('button', { name: 'Save note' }).click();
  await expect(control.getByRole('button', { name: 'Notes (1)' })).toBeVisible();
  await page.goto(at('notes/'));
  await expect(page.getByRole('link', { name: 'Predict the KV-cache lever (lab)' })).toHaveAttribute(
    'href',
    /\/labs\/kv-cache-lever\/$/,
  );
});

test('a note on a retired object says why and when it left, its text intact', async ({ page }) => {
  // The committed registry has retired nothing yet, so this serves /notes/ as a build whose
  // content/object-ids.yaml retired kv-cache#eq-old would (the page embeds the reasons as JSON).
  await page.route('**/notes/', async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace(
      /(data-retired[^>]*>)\{(\}?)/,
      (_, tag: string, empty: string) => `${tag}{"kv-cache#eq-old":"label removed on 2026-05-01"${empty ? '}' : ','}`,
    );
    await route.fulfill({ response, body: html });
  });
  await page.goto(at('notes/'));
  await page.evaluate(([key, text]) => localStorage.setItem(key, text), [
    KEY,
    file([
      note({ id: 'n-retired-00000001', object: 'kv-cache#eq-old', objectLabel: 'Equation old', text: 'Still mine.' }),
      note({ id: 'n-unknown-00000001', object: 'nowhere#eq-y', objectLabel: 'Equation y', text: 'Also kept.' }),
    ]),
  ] as const);
  await page.reload();
  const retired = page.locator('[data-gone] [data-group="kv-cache#eq-old"]');
  await expect(retired.locator('.notes-id')).toHaveText(
    'kv-cache#eq-old · no longer on the site: label removed on 2026-05-01',
  );
  await expect(retired.locator('.note-text')).toHaveText('Still mine.');
  await expect(page.locator('[data-gone] [data-group="nowhere#eq-y"] .notes-id')).toHaveText(
    'nowhere#eq-y · no longer on the site',
  );
});

test('a storage failure is shown, and the text stays in the form', async ({ page }) => {
  await page.addInitScript(() => {
    Storage.prototype.setItem = function () {
      throw new DOMException('full', 'QuotaExceededError');
    };
  });
  const control = await equationControl(page);
  await control.getByRole('button', { name: 'Add a note' }).click();
  await control.getByLabel('Note', { exact: true }).fill('Will not fit.');
  await control.getByRole('button', { name: 'Save note' }).click();
  await expect(control.getByRole('status')).toHaveText(/storage for the site is full.*Your text is still in the form\./);
  await expect(control.getByLabel('Note', { exact: true })).toHaveValue('Will not fit.');
});

test('damaged stored notes are reported and never written over', async ({ page }) => {
  await page.goto(at('notes/'));
  await page.evaluate((key) => localStorage.setItem(key, '{"format":"continuous-function/notes","version":1'), KEY);
  await page.reload();
  await expect(page.locator('[data-status]')).toContainText('The stored notes cannot be read');
  await expect(page.getByRole('button', { name: 'Download the unreadable data' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Download JSON' })).toBeHidden();
});

for (const scheme of ['light', 'dark'] as const) {
  test(`axe finds nothing serious in the notes control and on /notes/ (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await equationControl(page);
    await page.evaluate(([key, text]) => localStorage.setItem(key, text), [
      KEY,
      file([note({ edited: '2026-01-03T00:00:00.000Z' })]),
    ] as const);
    await page.reload();
    const control = await equationControl(page);
    await control.getByRole('button', { name: 'Notes (1)' }).click();
    await control.getByRole('radio', { name: 'Reproduction' }).check();
    // With an edit form open beside the add form.
    await control.getByRole('button', { name: 'Edit this question note' }).click();
    await control.locator('form.note-edit').getByRole('radio', { name: 'Reproduction' }).check();
    await expectNoSeriousA11yViolations(page, '#eq-mem-kv');
    await page.goto(at('notes/'));
    await page.evaluate(([key, text]) => localStorage.setItem(key, text), [
      KEY,
      file([note(), note({ id: 'n-repro-0000000001', kind: 'reproduction', ran: 'python3 witness.py', saw: 'ok' })]),
    ] as const);
    await page.reload();
    await expect(page.locator('[data-group]')).toHaveCount(1);
    await page.getByRole('button', { name: 'Edit this reproduction note' }).click();
    await expect(page.locator('form.note-edit')).toBeVisible();
    await page.getByRole('button', { name: 'Clear all notes…' }).click();
    await expectNoSeriousA11yViolations(page);
  });
}
