import type { Page } from '@playwright/test';
import { at, expect, expectNoSeriousA11yViolations, test } from './fixtures';

const prompt = (page: Page) => page.getByLabel('The prompt (edit it before copying if you like)');

test('the companion builds a prompt about the object and task chosen, and copies it', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(at('concepts/kv-cache/'));
  const companion = page.getByRole('region', { name: 'Ask about this page' });
  await companion.scrollIntoViewIfNeeded();
  const objectPicker = companion.getByLabel('Ask about');
  await expect(objectPicker).toBeEnabled(); // the island is live
  await expect(prompt(page)).toHaveValue(/The object I selected: The whole notebook\./);

  await objectPicker.selectOption({ label: 'The demo' });
  await companion.getByLabel('Task').selectOption({ label: 'Quiz me' });
  await companion.getByLabel('Comfort').selectOption({ label: 'expert' });
  await expect(prompt(page)).toHaveValue(/The object I selected: The demo\. An interactive demo:/);
  await expect(prompt(page)).toHaveValue(/Quiz me on the selected object: ask three questions/);
  await expect(prompt(page)).toHaveValue(/My comfort with this: expert\./);
  // What the page claims and does not, from the notebook's claim boundary.
  await expect(prompt(page)).toHaveValue(/## How far the page's claims go \(its claim boundary\)/);
  await expect(prompt(page)).toHaveValue(/End with one thing I should try on the page/);

  // The reader may edit before copying; the copy is what the box holds.
  await prompt(page).press('End');
  await prompt(page).pressSequentially('\nAlso: keep it under 200 words.');
  await companion.getByRole('button', { name: 'Copy the prompt' }).click();
  await expect(companion.getByRole('status')).toHaveText('Copied. Paste it into your assistant.');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain('The object I selected: The demo.');
  expect(copied).toMatch(/keep it under 200 words\.$/);

  // The choices are remembered on the next page.
  await page.goto(at('concepts/softmax/'));
  const next = page.getByRole('region', { name: 'Ask about this page' });
  await next.scrollIntoViewIfNeeded();
  await expect(next.getByLabel('Ask about')).toBeEnabled();
  await expect(next.getByLabel('Task')).toHaveValue('quiz');
  await expect(next.getByLabel('Comfort')).toHaveValue('expert');
  await expectNoSeriousA11yViolations(page, '#companion');
});

test('the prompt carries known prerequisites, the last prediction and the demo settings', async ({ page }) => {
  await page.goto(at('concepts/kv-cache/'));
  await page.evaluate(() => {
    localStorage.setItem(
      'cf:progress',
      JSON.stringify({ format: 'continuous-function/progress', version: 1, known: ['autoregressive-decoding'] }),
    );
    const answered = (question: string, answer: string, correct: boolean, at: string) => ({
      concept: 'kv-cache',
      question,
      prompt: `Question ${question}?`,
      kind: 'number',
      answer,
      expected: '16 GiB',
      confidence: 70,
      correct,
      at,
    });
    localStorage.setItem(
      'cf:predictions',
      JSON.stringify({
        format: 'continuous-function/predictions',
        version: 1,
        records: [answered('older', '15 GiB', true, '2026-12-01T10:00:00.000Z'), answered('newer', '12 GiB', false, '2026-12-04T10:00:00.000Z')],
      }),
    );
  });
  await page.goto(at('concepts/kv-cache/#model=llama-2-7b&batch=8'));
  const companion = page.getByRole('region', { name: 'Ask about this page' });
  await companion.scrollIntoViewIfNeeded();
  await expect(companion.getByLabel('Ask about')).toBeEnabled();
  await expect(prompt(page)).toHaveValue(/Prerequisites I have marked as known: Autoregressive decoding\./);
  await expect(prompt(page)).toHaveValue(/Prerequisites I have not marked as known, and what the page uses from each:\n {2}- Multi-head attention: /);
  await expect(prompt(page)).toHaveValue(/My last prediction on this page: "Question newer\?" I answered 12 GiB with 70% confidence, and it was wrong\./);
  await expect(prompt(page)).toHaveValue(/The demo's current state: the settings in the page address are model = llama-2-7b, batch = 8/);
});

test('"Ask the companion" beside a discussion prompt points the companion at that section', async ({ page }) => {
  await page.goto(at('concepts/kv-cache/'));
  const discussion = page.getByRole('region', { name: 'Discussion prompts' });
  await discussion.getByRole('link', { name: 'Ask the companion' }).first().click();
  const companion = page.getByRole('region', { name: 'Ask about this page' });
  await expect(companion.getByLabel('Ask about')).toBeEnabled();
  await expect(companion.getByLabel('Ask about')).not.toHaveValue('kv-cache');
  const chosen = await companion.getByLabel('Ask about').inputValue();
  // The ids of object-ids.ts (an equation, the witness, the demo) or a section the companion adds.
  expect(chosen).toMatch(/^kv-cache#(intuition|math|eq-[a-z0-9-]+|witness|demo)$/);
});

test('an equation is an object of its own: asked about from beside it, the prompt quotes its TeX and symbols', async ({ page }) => {
  await page.goto(at('concepts/kv-cache/'));
  const equation = page.locator('#eq-mem-kv');
  await equation.scrollIntoViewIfNeeded();
  await equation.getByRole('link', { name: 'Ask the companion about Equation mem-kv' }).click();
  const companion = page.getByRole('region', { name: 'Ask about this page' });
  await expect(companion.getByLabel('Ask about')).toBeEnabled();
  await expect(companion.getByLabel('Ask about')).toHaveValue('kv-cache#eq-mem-kv');
  await expect(prompt(page)).toHaveValue(/The object I selected: Equation mem-kv\./);
  await expect(prompt(page)).toHaveValue(/Its equation, in TeX:\n\$\$.*Mem/);
  await expect(prompt(page)).toHaveValue(/Its symbols:\n- \$/);
  // One id scheme: the witness is "#witness" here, as in the reader's notes.
  await expect(companion.getByLabel('Ask about').locator('option[value="kv-cache#witness"]')).toHaveCount(1);
});

test('the reader’s notes on the page appear in the picker, and a note becomes the object of the prompt', async ({ page }) => {
  await page.goto(at('concepts/kv-cache/'));
  const companion = page.getByRole('region', { name: 'Ask about this page' });
  await companion.scrollIntoViewIfNeeded();
  const picker = companion.getByLabel('Ask about');
  await expect(picker).toBeEnabled();
  await expect(picker.locator('optgroup')).toHaveCount(0);

  // Write a note beside the equation; the companion hears of it without a reload.
  const equation = page.locator('#eq-mem-kv');
  await equation.scrollIntoViewIfNeeded();
  await equation.getByRole('button', { name: 'Add a note' }).click();
  const panel = equation.getByRole('region', { name: 'Your notes on Equation mem-kv' });
  await panel.getByRole('radio', { name: 'Question' }).check();
  await panel.getByLabel('Note', { exact: true }).fill('Why is the factor 2 and not 1?');
  await panel.getByRole('button', { name: 'Save note' }).click();
  await expect(panel.locator('.note')).toHaveCount(1);

  const group = picker.locator('optgroup[label="Your notes"]');
  await expect(group.locator('option')).toHaveText(['Your question: Why is the factor 2 and not 1?']);
  await picker.selectOption({ label: 'Your question: Why is the factor 2 and not 1?' });
  await expect(prompt(page)).toHaveValue(/My question note on Equation mem-kv, written \d{4}-\d\d-\d\d:\n"""\nWhy is the factor 2 and not 1\?\n"""/);
  await expect(prompt(page)).toHaveValue(/Its equation, in TeX:/);
  await expectNoSeriousA11yViolations(page, '#companion');
});

test('beside the paper mapper, the companion offers the mapping result and each concept found', async ({ page }) => {
  await page.goto(at(`map/?q=${encodeURIComponent('softmax(QK^T / sqrt(d_k)) V')}`));
  await expect(page.locator('.mapper-results li').first()).toBeVisible();
  const companion = page.getByRole('region', { name: 'Ask about this page' });
  await companion.scrollIntoViewIfNeeded();
  const picker = companion.getByLabel('Ask about');
  await expect(picker).toBeEnabled();
  // A fresh result is selected for the reader, who had not chosen anything else.
  await expect(picker).toHaveValue('mapper:result');
  await expect(prompt(page)).toHaveValue(/I am on the mapper "Paper mapper"/);
  await expect(prompt(page)).toHaveValue(/I pasted into the paper mapper:\n"""\nsoftmax\(QK\^T \/ sqrt\(d_k\)\) V\n"""/);
  await expect(prompt(page)).toHaveValue(/The mapper placed it on these atlas concepts:\n1\. Scaled dot-product attention/);
  await picker.selectOption({ label: 'Result: Scaled dot-product attention' });
  await expect(prompt(page)).toHaveValue(/Why it matched:\n- /);

  // A new mapping replaces the result group; a chosen result that is gone gives way to the new whole result.
  await page.getByLabel(/^Paste an equation/).fill('2305.13245');
  await page.getByRole('button', { name: 'Map it' }).click();
  await expect(picker.locator('option[value="mapper:scaled-dot-product-attention"]')).toHaveCount(0);
  await expect(picker).toHaveValue('mapper:result');
  await expect(prompt(page)).toHaveValue(/"""\n2305\.13245\n"""/);
  await expect(picker.locator('optgroup[label="Your mapper result"] option').first()).toHaveText('The whole mapper result');
  await expectNoSeriousA11yViolations(page, '#companion');
});

test('beside the lever lab, the companion offers each scenario without its answer, and the reader’s last pick', async ({ page }) => {
  await page.goto(at('labs/kv-cache-lever/'));
  const card = page.locator('[data-scenario]').first();
  await expect(card.getByRole('button', { name: 'Reveal' })).toBeEnabled();
  const title = (await card.getAttribute('data-title'))!;
  await card.getByRole('radio').first().check();
  await card.getByRole('button', { name: 'Reveal' }).click();
  await expect(card.getByRole('heading', { name: /^Answer:/ })).toBeVisible();

  const companion = page.getByRole('region', { name: 'Ask about this page' });
  await companion.scrollIntoViewIfNeeded();
  const picker = companion.getByLabel('Ask about');
  await expect(picker).toBeEnabled();
  await picker.selectOption({ label: `Scenario 1: ${title}` });
  await expect(prompt(page)).toHaveValue(/I am on the lab "Predict the KV-cache lever"/);
  await expect(prompt(page)).toHaveValue(/Do not tell me the answer; help me reason to it\./);
  const text = await prompt(page).inputValue();
  expect(text).toContain(`My last prediction on this page: "Scenario 1: ${title}: which single change saves the most memory?" I answered `);
  // The scenario's own text carries no ranking: the page renders that only inside the answer.
  const scenario = text.slice(text.indexOf('The object I selected:'), text.indexOf('## Where I stand'));
  expect(scenario).not.toMatch(/Answer:|winner/);
  await expectNoSeriousA11yViolations(page, '#companion');
});

test('the home page offers the five-questions path prompt, in the reader’s own terms', async ({ page }) => {
  await page.goto(at(''));
  const companion = page.getByRole('region', { name: 'Ask beside the notebook' });
  await companion.scrollIntoViewIfNeeded();
  await expect(companion.getByLabel('Goal')).toBeEnabled();
  await expect(prompt(page)).toHaveValue(/Ask me 5 quick questions, one at a time/);
  await expect(prompt(page)).toHaveValue(/- Foundations \(17 steps, /);
  await companion.getByLabel('Style').selectOption({ label: 'code first' });
  await expect(prompt(page)).toHaveValue(/How I like explanations: code first/);
  await expect(companion.getByLabel('Task')).toHaveCount(0);
  await expectNoSeriousA11yViolations(page, '#companion');
});

test('the KV calculator inside a notebook tells the companion its state, which the page address does not hold', async ({ page }) => {
  await page.goto(at('concepts/kv-cache/'));
  const gate = page.locator('#prediction-llama-2-7b-batch-8-gib');
  await gate.scrollIntoViewIfNeeded();
  await gate.getByRole('button', { name: 'Skip and just explore' }).click();
  const demo = page.locator('.demo-embed').first();
  await demo.getByLabel('Batch, B (sequences)').fill('4');
  await expect(demo.locator('[data-kv="total-bytes"]')).toHaveAttribute('data-value', '8589934592');

  const companion = page.getByRole('region', { name: 'Ask about this page' });
  await companion.scrollIntoViewIfNeeded();
  await expect(companion.getByLabel('Ask about')).toBeEnabled();
  await companion.getByLabel('Ask about').selectOption('kv-cache#demo');
  await expect(prompt(page)).toHaveValue(
    /The demo's current state: the KV-cache calculator is set to model = llama-2-7b, batch = 4\b.*, and shows KV cache for 4 sequences of 4,096 tokens: 8,589,934,592 bytes = 8 GiB/,
  );
});

test('what the reader does elsewhere on the page reaches the prompt, but never overwrites their own edit', async ({ page }) => {
  await page.goto(at('labs/kv-cache-lever/'));
  const companion = page.getByRole('region', { name: 'Ask about this page' });
  await companion.scrollIntoViewIfNeeded();
  await expect(companion.getByLabel('Ask about')).toBeEnabled();
  await expect(prompt(page)).not.toHaveValue(/My last prediction/);

  // A reveal made after the companion loaded shows up when the reader comes back to it.
  const card = page.locator('[data-scenario]').first();
  await card.scrollIntoViewIfNeeded();
  await card.getByRole('radio').first().check();
  await card.getByRole('button', { name: 'Reveal' }).click();
  await expect(card.getByRole('heading', { name: /^Answer:/ })).toBeVisible();
  await companion.scrollIntoViewIfNeeded();
  await expect(prompt(page)).toHaveValue(/My last prediction on this page: "Scenario 1: /);

  // The reader edits the prompt; a later reveal does not overwrite it, and the page says so.
  await prompt(page).press('End');
  await prompt(page).pressSequentially('\nMy own line.');
  const second = page.locator('[data-scenario]').nth(1);
  await second.scrollIntoViewIfNeeded();
  await second.getByRole('radio').first().check();
  await second.getByRole('button', { name: 'Reveal' }).click();
  await expect(second.getByRole('heading', { name: /^Answer:/ })).toBeVisible();
  await companion.scrollIntoViewIfNeeded();
  await expect(companion.getByRole('status')).toHaveText(/The page changed since you edited the prompt\. Your edit is kept/);
  await expect(prompt(page)).toHaveValue(/My own line\.$/);
  await expect(prompt(page)).toHaveValue(/"Scenario 1: /);

  // A choice the reader makes rebuilds it, now with the newer pick.
  await companion.getByLabel('Task').selectOption({ label: 'Quiz me' });
  await expect(prompt(page)).not.toHaveValue(/My own line\./);
  await expect(prompt(page)).toHaveValue(/My last prediction on this page: "Scenario 2: /);
});
