// The user story of the extension, step by step, as seen in the workbench of a copy of examples/protobox.
// Each step ends with a screenshot in test/e2e/artifacts/.
const ROUTES = ['inventories', 'webservers_pool', 'routes.yml'];
const PROXY = ['inventories', 'kube_gateway_pool', 'proxy.yml'];
const MISMATCH = 'Nginx stream stream_vadmin port is 30164';

export const steps = [
  {
    name: 'activates',
    title: 'the extension activates and its output shows the server started',
    async run(bench) {
      await bench.until('the Kube Expose status bar item', async () => (await bench.page.locator('.statusbar-item', { hasText: 'Kube Expose' }).count()) > 0);
      await bench.runCommand('Kube Expose: Show Output');
      const output = bench.page.locator('.part.panel .view-lines');
      await bench.until('the server start in the Kube Expose output', async () => /Kube Expose language server \S+ started/.test(await bench.text(output)));
      await bench.until('the indexing in the Kube Expose output', async () => /Indexed \d+ files/.test(await bench.text(output)));
      const failed = await bench.page.locator('.notification-toast', { hasText: 'could not start' }).count();
      if (failed) throw new Error('the extension reported that its server could not start');
    },
  },
  {
    name: 'mismatch-in-problems',
    title: 'opening routes.yml shows the port mismatch in the Problems panel',
    async run(bench) {
      await bench.openFromExplorer(ROUTES);
      await bench.until('"Errors: 1" in the status bar', async () => (await bench.problemsLabel())?.startsWith('Errors: 1'));
      await bench.page.keyboard.press('Control+Shift+M');
      await bench.until('the mismatch in the Problems panel', async () => (await bench.problemsPanelRows()).some((row) => row.includes(MISMATCH) && row.includes('port-mismatch')));
    },
  },
  {
    name: 'hover-chain',
    title: 'hovering the stream port shows the chain',
    async run(bench) {
      await bench.codeLens('Nginx /v-admin/');
      const line = await bench.line('port: 30164');
      const box = await line.locator('span > span', { hasText: '30164' }).first().boundingBox();
      await bench.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await bench.until('the chain in the hover', async () => {
        const text = await bench.text(bench.page.locator('.monaco-hover-content'));
        return text.includes('stream_vadmin :30164') && text.includes('HAProxy pgadmin4 :30165') && text.includes('Service postgresql/pgadmin');
      });
    },
  },
  {
    name: 'definition',
    title: 'F12 on {{ app.pgadmin4.port }} in proxy.yml opens the variables file at the definition',
    async run(bench) {
      await bench.page.keyboard.press('Escape');
      await bench.openFromExplorer(PROXY);
      await bench.codeLens('Nginx /v-admin/');
      // The last `port` of the line is the variable's, inside the braces.
      await bench.clickToken('port: "{{ app.pgadmin4.port }}"', 'port', 'last');
      await bench.page.keyboard.press('F12');
      await bench.until('apps.yml in the editor', async () => (await bench.activeTab()).startsWith('apps.yml'));
      await bench.until('the cursor on the definition, line 4', async () => (await bench.cursor()).startsWith('Ln 4,'));
    },
  },
  {
    name: 'quick-fix',
    title: 'the quick-fix from the lightbulb removes the problem',
    async run(bench) {
      await bench.openFromExplorer(ROUTES);
      await bench.clickToken('port: 30164', '30164');
      // The gutter icon is light-bulb, or lightbulb-autofix when a preferred fix exists.
      const lightbulb = bench.page.locator('.editor-group-container.active .codicon[class*="lightbulb"], .editor-group-container.active .codicon[class*="light-bulb"]');
      await bench.until('the lightbulb', () => lightbulb.first().isVisible());
      await lightbulb.first().click();
      const fix = bench.page.locator('.action-widget .monaco-list-row', { hasText: 'Set port to 30165' });
      await bench.until('"Set port to 30165" in the lightbulb menu', async () => (await fix.count()) > 0);
      await fix.first().click();
      await bench.until('"No Problems" in the status bar', async () => (await bench.problemsLabel()) === 'No Problems');
      await bench.page.keyboard.press('Control+S');
      await bench.until('an empty Problems panel', async () => (await bench.problemsPanelRows()).length === 0);
    },
  },
  {
    name: 'completion',
    title: 'typing a new HAProxy entry offers mode and balance',
    async run(bench) {
      await bench.openFromExplorer(PROXY);
      await bench.clickToken('options:', 'options');
      const keyboard = bench.page.keyboard;
      const suggestions = async () => (await bench.page.locator('.suggest-widget .monaco-list-row').allInnerTexts()).map((row) => row.split('\n')[0]?.trim());
      // A new line at the end of the file, at the given indentation whatever the auto-indentation did: Delete
      // removes the selected indentation, and nothing when there is none (nothing follows the cursor).
      const newLine = async (indent) => {
        // Enter would accept a suggestion that typing opened.
        await keyboard.press('Escape');
        await keyboard.press('End');
        await keyboard.press('Enter');
        await keyboard.press('Shift+Home');
        await keyboard.press('Delete');
        await keyboard.type(indent);
      };
      await keyboard.press('Control+End');
      await newLine('');
      await keyboard.type('grafana:');
      // An entry's keys offer mode; the keys under destination offer balance.
      for (const [indent, key, next] of [['  ', 'mode', 'destination:'], ['    ', 'balance', '']]) {
        await newLine(indent);
        await keyboard.press('Control+Space');
        await bench.until(`${key} among the completions`, async () => (await suggestions()).includes(key));
        await bench.screenshot(`completion-${key}`);
        await keyboard.press('Escape');
        await keyboard.type(next);
      }
      // Undo, as a user would, until proxy.yml is back to its saved text (VS Code then shows it unmodified).
      await bench.until('proxy.yml back to its saved text', async () => {
        if ((await bench.page.locator('.editor-group-container.active .view-line', { hasText: 'grafana' }).count()) === 0) return true;
        await keyboard.press('Control+Z');
        return false;
      });
      await bench.until('no problem left in proxy.yml', async () => (await bench.problemsLabel()) === 'No Problems');
    },
  },
  {
    name: 'scaffold',
    title: 'Expose a New Service creates the app\'s files and the workspace stays clean',
    async run(bench) {
      await bench.runCommand('Kube Expose: Expose a New Service');
      // Undefined keeps the suggested node port.
      const answers = ['protobox', 'grafana', 'monitoring', '3000', '80', undefined, '/grafana/', 'http', 'roundrobin'];
      for (const [index, value] of answers.entries()) await bench.answer(`(${index + 1}/9)`, value);
      await bench.until('the new Service manifest in the editor', async () => (await bench.activeTab()).startsWith('grafana-service.yml'));
      await bench.until('the Service text', async () => (await bench.page.locator('.editor-instance .view-line', { hasText: 'nodePort:' }).count()) > 0);
      await bench.runCommand('File: Save All');
      await bench.until('every file saved', async () => (await bench.page.locator('.tab.dirty').count()) === 0);
      await bench.until('"No Problems" after the scaffold', async () => (await bench.problemsLabel()) === 'No Problems');
    },
  },
  {
    name: 'exposures-view',
    title: 'the Exposures view shows the apps and their hops',
    async run(bench) {
      const header = bench.page.locator('.pane-header', { hasText: 'Exposures' }).first();
      await bench.until('the Exposures view', async () => (await header.count()) > 0);
      if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
      // The tree only renders the rows it has room for: fold the folders section above it.
      const folders = bench.page.locator('.pane-header', { hasText: 'protobox' }).first();
      if ((await folders.getAttribute('aria-expanded')) === 'true') await folders.click();
      const pane = bench.page.locator('.pane').filter({ has: bench.page.locator('.pane-header', { hasText: 'Exposures' }) });
      const row = (label) => pane.locator('.monaco-list-row', { hasText: label }).first();
      await bench.until('protobox in the Exposures view', async () => (await row('protobox').count()) > 0);
      await row('protobox').click();
      await bench.until('pgadmin4 and grafana under protobox', async () => (await row('pgadmin4').count()) > 0 && (await row('grafana').count()) > 0);
      await row('pgadmin4').click();
      for (const hop of ['location /v-admin/', 'stream stream_vadmin', 'HAProxy pgadmin4', 'app.pgadmin4.port', 'Service postgresql/pgadmin']) {
        await bench.until(`the hop ${hop}`, async () => (await row(hop).count()) > 0);
      }
      await row('HAProxy pgadmin4').click();
      await bench.until('proxy.yml opened by the hop', async () => (await bench.activeTab()).startsWith('proxy.yml'));
      // At the frontend's port, line 4.
      await bench.until('the cursor on the HAProxy port, line 4', async () => (await bench.cursor()).startsWith('Ln 4,'));
    },
  },
];
