// The VS Code workbench as a user sees it in the browser: explorer rows, the command palette, quick inputs,
// the Problems panel, the status bar. Every wait polls a DOM state; nothing sleeps for a fixed time.
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export class Workbench {
  constructor(page, artifacts) {
    this.page = page;
    this.artifacts = artifacts;
    /** The step being played, which names its screenshots. */
    this.step = 0;
  }

  /** Resolves once `check` returns a truthy value (which it returns); fails with `what` after the timeout. */
  async until(what, check, timeoutMs = 60_000) {
    const deadline = Date.now() + timeoutMs;
    let lastError;
    for (;;) {
      try {
        const value = await check();
        if (value) return value;
      } catch (error) {
        lastError = error;
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${lastError ? ` (${lastError.message})` : ''}`);
      await sleep(200);
    }
  }

  async screenshot(name) {
    const file = join(this.artifacts, `${String(this.step).padStart(2, '0')}-${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /** The status bar's problems item reads `No Problems` or `Errors: 1, Warnings: 0`. */
  problemsLabel() {
    return this.page.locator('[id="status.problems"]').getAttribute('aria-label');
  }

  row(label) {
    return this.page.locator(`.explorer-folders-view .monaco-list-row[role="treeitem"][aria-label^="${label}"]`).first();
  }

  /** Opens a file by clicking through the Explorer (Quick Open needs ripgrep, which code-server lacks offline). */
  async openFromExplorer(segments) {
    for (const [index, name] of segments.entries()) {
      const last = index === segments.length - 1;
      // A folder opened before may now show inside a compact row (inventories/protobox): skip to what is visible.
      const visible = await this.until(`the explorer row ${name}`, async () => {
        if ((await this.row(name).count()) > 0) return 'this';
        if (!last && (await this.row(segments[index + 1]).count()) > 0) return 'next';
        return undefined;
      });
      if (visible === 'next') continue;
      const row = this.row(name);
      if (last || (await row.getAttribute('aria-expanded')) !== 'true') await row.click();
    }
    const file = segments[segments.length - 1];
    await this.until(`${file} in the editor`, async () => (await this.page.locator(`.tab.active[aria-label^="${file}"]`).count()) > 0);
    await this.until(`${file}'s text`, async () => (await this.page.locator('.editor-group-container.active .editor-instance .view-line').count()) > 0);
  }

  /**
   * Runs a command by its title, through the command palette. The palette lists the commands known when it
   * opens: one opened while the extension host is still starting is closed and opened again.
   */
  async runCommand(title) {
    const input = this.page.locator('.quick-input-widget input.input');
    const exact = new RegExp(`^\\s*${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
    const row = this.page.locator('.quick-input-widget .monaco-list-row', { has: this.page.locator('.label-name', { hasText: exact }) }).first();
    await this.until(`the command "${title}"`, async () => {
      await this.page.keyboard.press('F1');
      await this.until('the command palette', () => input.isVisible());
      // Typed, not filled: the palette filters on key events.
      await this.until('the palette\'s > prefix', async () => (await input.inputValue()) === '>');
      await this.page.keyboard.type(title);
      const deadline = Date.now() + 5_000;
      while (Date.now() < deadline) {
        if ((await row.count()) > 0) return true;
        await sleep(200);
      }
      await this.page.keyboard.press('Escape');
      return false;
    });
    // Clicked, not Enter: the highlighted row may be another command the palette recently used.
    await row.click();
  }

  /** Answers the quick input (input box or pick) whose title contains `title`; no value keeps the default. */
  async answer(title, value) {
    const widget = this.page.locator('.quick-input-widget');
    await this.until(`the input "${title}"`, async () => (await widget.isVisible()) && (await widget.locator('.quick-input-title').innerText()).includes(title));
    const input = widget.locator('input.input');
    if (value !== undefined) {
      await input.press('Control+A');
      await this.page.keyboard.type(value);
    }
    if (value !== undefined && (await widget.locator('.quick-input-list .monaco-list-row').count())) {
      await this.until(`"${value}" in the list`, async () => (await widget.locator('.quick-input-list .monaco-list-row', { hasText: value }).count()) > 0);
    }
    await input.press('Enter');
    // The next step reuses the widget: wait until this one's title is gone.
    await this.until(`the input "${title}" to close`, async () => !(await widget.isVisible()) || !(await widget.locator('.quick-input-title').innerText()).includes(title));
  }

  /** The topmost rendered line of the active editor that contains `text` (Monaco reuses line nodes out of order). */
  async line(text) {
    const lines = this.page.locator('.editor-group-container.active .editor-instance .view-line', { hasText: text });
    await this.until(`the line "${text}"`, async () => (await lines.count()) > 0);
    let best;
    for (let i = 0; i < (await lines.count()); i++) {
      const box = await lines.nth(i).boundingBox();
      if (box && (!best || box.y < best.box.y)) best = { line: lines.nth(i), box };
    }
    return best.line;
  }

  /**
   * Clicks the middle of the first (or last) token `token` on the editor line holding `lineText`, once the line stopped moving
   * (a code lens arriving above it pushes it down).
   */
  async clickToken(lineText, token, which = 'first') {
    let previous;
    const box = await this.until(`the token ${token} at rest`, async () => {
      const spans = (await this.line(lineText)).locator('span > span', { hasText: token });
      const span = which === 'last' ? spans.last() : spans.first();
      const current = await span.boundingBox();
      const still = current && previous && current.x === previous.x && current.y === previous.y;
      previous = current;
      return still ? current : undefined;
    });
    await this.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    return box;
  }

  /** Waits for the code lens over an app, which the server sends once the file is indexed. */
  async codeLens(text) {
    await this.until(`the code lens "${text}"`, async () => (await this.page.locator('.editor-group-container.active .codelens-decoration', { hasText: text }).count()) > 0);
  }

  /** A locator's text as a user reads it: Monaco renders spaces as no-break spaces. */
  async text(locator) {
    return (await locator.allInnerTexts()).join('\n').replaceAll('\u00a0', ' ');
  }

  async activeTab() {
    return (await this.page.locator('.tab.active').getAttribute('aria-label')) ?? '';
  }

  /** `Ln 4, Col 5` from the status bar. */
  async cursor() {
    return (await this.page.locator('[id="status.editor.selection"]').innerText()).trim();
  }

  async problemsPanelRows() {
    return (await this.page.locator('.markers-panel .monaco-list-row').allInnerTexts()).map((row) => row.replaceAll('\u00a0', ' '));
  }
}
