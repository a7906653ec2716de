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
  expect(chosen).toMatch(/^kv-cache#(intuition|math|code|demo)$/);
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
