// Browser test of the real UI: JupyterLab started by the project's main command (notebooks/lab.sh --headless), Debian's
// Chromium driven by playwright-core. For every notebooks/*.ipynb: open it, Run All, wait for the kernel to be idle,
// and fail on a kernel not idle within 60 s of opening, an error or stderr output, an image that did not load, raw
// LaTeX in markdown or outputs (unrendered $...$, or a command such as \frac in text outside typeset math), an output
// wider than the notebook in a 1280-px window, or no library table. Then one HTML export is opened as a file: its math must
// be typeset offline. Finally the repository must be as it was: opening and running notebooks writes nothing into it.
// Screenshots (each notebook's top, its widest outputs, its library tables) and a summary: target/browser/.   Usage: node notebooks/browser/lab-test.mjs [notebook.ipynb ...]
import { chromium } from 'playwright-core';
import { spawn, execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { randomBytes, createHash } from 'node:crypto';
import { readdirSync, readFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const OUT = join(ROOT, 'target/browser');
const IDLE_AFTER_OPEN_MS = 60_000;   // the bound: a kernel idle within 60 s of opening the notebook
const RUN_ALL_MS = 300_000;          // Run All of one notebook (the headless runner's per-cell bound)
const SERVER_START_MS = 300_000;     // lab.sh builds the library first
const MATH_SETTLE_MS = 20_000;       // MathJax typesets asynchronously
const WINDOW = { width: 1280, height: 1000 };  // the window: a laptop's browser
const SHOTS_PER_KIND = 3;            // screenshots of wide outputs and of tables, per notebook
// Chromium as root on a closed network: no sandbox (root), no GPU, no background calls to Google's hosts.
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const failures = [];
const fail = (where, what) => { failures.push(`${where}: ${what}`); console.log(`  FAIL ${where}: ${what}`); };

function freePort() {
  return new Promise((ok, ko) => {
    const s = createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => ok(port)); });
    s.on('error', ko);
  });
}

/** What git sees as changed, with the content hash of each changed file: compared before and after. */
function repositoryState() {
  const status = execFileSync('git', ['status', '--porcelain=v1', '--untracked-files=all'], { cwd: ROOT }).toString();
  return status.split('\n').filter(Boolean).map(line => {
    const file = join(ROOT, line.slice(3));
    const hash = existsSync(file) && !line.endsWith('/')
      ? createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 12) : '-';
    return `${line} ${hash}`;
  }).join('\n');
}

async function startLab(port, token) {
  const args = ['--headless', `--port=${port}`, '--ServerApp.port_retries=0', '--ip=127.0.0.1',
    `--IdentityProvider.token=${token}`, '--LabApp.expose_app_in_browser=True'];
  const lab = spawn(join(ROOT, 'notebooks/lab.sh'), args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
    detached: true });
  let log = '';
  lab.stdout.on('data', d => { log += d; });
  lab.stderr.on('data', d => { log += d; });
  const deadline = Date.now() + SERVER_START_MS;
  while (Date.now() < deadline) {
    if (lab.exitCode !== null) throw new Error(`lab.sh --headless exited with ${lab.exitCode}:\n${log.slice(-2000)}`);
    try {
      const r = await fetch(`http://127.0.0.1:${port}/api/status?token=${token}`);
      if (r.ok) return { lab, log: () => log };
    } catch { /* not listening yet */ }
    await new Promise(r => setTimeout(r, 500));
  }
  try { process.kill(-lab.pid); } catch { /* already gone */ }
  throw new Error(`JupyterLab did not answer within ${SERVER_START_MS / 1000} s:\n${log.slice(-2000)}`);
}

/** Kernel status of the current notebook panel ('idle', 'busy', 'starting', ... or 'none'). */
const kernelStatus = page => page.evaluate(() => {
  const w = window.jupyterapp?.shell?.currentWidget;
  return w?.sessionContext?.session?.kernel?.status ?? 'none';
});

async function waitFor(what, ms, probe) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what} not within ${ms / 1000} s`);
    await new Promise(r => setTimeout(r, 250));
  }
}

/**
 * Raw LaTeX a reader sees after typesetting: $...$ left in text, or a LaTeX command (\frac, \partial, \{) in a text
 * node outside typeset math. Code a reader types (the input area, code in markdown) is not prose; an output's text is.
 */
const RAW_MATH = String.raw`\$[^$\s][^$]*\$|\\(?:[A-Za-z]{2,}|[{}])`;
function rawMath(page, selector, scope = 'document') {
  return page.evaluate(([sel, pattern, where]) => {
    const root = where === 'notebook' ? window.jupyterapp.shell.currentWidget.node : document;
    const found = [];
    for (const el of root.querySelectorAll(sel)) {
      const copy = el.cloneNode(true);
      copy.querySelectorAll('.jp-RenderedMarkdown code, .jp-RenderedMarkdown pre, script, style, .jp-InputArea, '
        + 'mjx-container, .MathJax_SVG, .MathJax_Preview, .MathJax, .MathJax_Display').forEach(n => n.remove());
      const m = copy.textContent.match(new RegExp(pattern));
      if (m) {
        const at = copy.textContent.indexOf(m[0]);
        found.push(copy.textContent.slice(Math.max(0, at - 30), at + 50).replace(/\s+/g, ' '));
      }
    }
    return found;
  }, [selector, RAW_MATH, scope]);
}

/**
 * Outputs and markdown wider than the notebook: an element that reaches past its output's edges, drawn outside the
 * notebook or hidden in a scrolled or clipped box. Returns [{cell, first, by}] (by: pixels past the edge).
 */
function wideOutputs(page) {
  return page.evaluate(() => {
    const w = window.jupyterapp.shell.currentWidget;
    const found = [];
    w.content.widgets.forEach((cell, i) => {
      const areas = cell.node.querySelectorAll('.jp-OutputArea-output, .jp-RenderedMarkdown');
      for (const area of areas) {
        const box = area.getBoundingClientRect();
        if (box.width === 0) continue;
        let by = 0, what = '';
        for (const el of area.querySelectorAll('*')) {
          // not drawn: MathJax's clipped MathML for screen readers, the inside of a closed <details>
          if (el.closest('mjx-assistive-mml')) continue;
          const closed = el.closest('details:not([open])');
          if (closed && !el.closest('summary')) continue;
          const r = el.getBoundingClientRect();
          if (r.width === 0 && r.height === 0) continue;
          const past = Math.max(r.right - box.right, box.left - r.left);
          if (past > by) {
            by = past;
            what = `<${el.tagName.toLowerCase()}> "${el.textContent.replace(/\s+/g, ' ').slice(0, 50)}"`;
          }
        }
        if (by > 1) {
          found.push({ cell: i, first: cell.model.sharedModel.getSource().split('\n')[0].slice(0, 60),
            by: Math.round(by), what });
          break;
        }
      }
    });
    return found;
  });
}

/** Screenshots of the output of cells (by index) of the current notebook, scrolled into view. */
async function shootCells(page, name, kind, cells) {
  for (const i of cells.slice(0, SHOTS_PER_KIND)) {
    const cell = page.locator('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell').nth(i);
    await cell.scrollIntoViewIfNeeded().catch(() => {});
    await cell.screenshot({ path: join(OUT, `${name.replace(/\.ipynb$/, '')}.${kind}-cell${i}.png`) })
      .catch(e => console.log(`  (no screenshot of cell ${i}: ${e.message.slice(0, 80)})`));
  }
}

async function testNotebook(page, base, token, name) {
  const opened = Date.now();
  // ?reset: a fresh workspace, so JupyterLab does not reopen (and start kernels for) the notebooks opened before
  await page.goto(`${base}/lab/tree/${encodeURIComponent(name)}?reset&token=${token}`);
  await waitFor('JupyterLab with the notebook', IDLE_AFTER_OPEN_MS, () => page.evaluate(n =>
    window.jupyterapp?.shell?.currentWidget?.context?.path === n, name));
  try {
    await waitFor('kernel idle after opening', IDLE_AFTER_OPEN_MS - (Date.now() - opened),
      async () => (await kernelStatus(page)) === 'idle');
  } catch (e) {
    fail(name, `${e.message} (status: ${await kernelStatus(page)})`);
    return;
  }
  const idleAfter = (Date.now() - opened) / 1000;
  const started = Date.now();
  await page.evaluate(() => window.jupyterapp.commands.execute('notebook:run-all-cells'));
  // Done when every code cell has an execution count and none is queued or running, and the kernel is idle.
  await waitFor('Run All', RUN_ALL_MS, () => page.evaluate(() => {
    const w = window.jupyterapp.shell.currentWidget;
    const cells = w.content.widgets.filter(c => c.model.type === 'code');
    const done = cells.every(c => c.model.executionCount !== null && c.promptNode?.textContent !== '[*]:');
    return done && w.sessionContext.session?.kernel?.status === 'idle';
  }));
  const runAll = (Date.now() - started) / 1000;

  const outputs = await page.evaluate(() => {
    const w = window.jupyterapp.shell.currentWidget;
    return w.content.widgets.map((c, i) => ({ i, first: c.model.sharedModel.getSource().split('\n')[0],
      outputs: c.model.type === 'code' ? c.model.outputs.toJSON() : [] }));
  });
  for (const cell of outputs) {
    for (const out of cell.outputs) {
      if (out.output_type === 'error') fail(name, `cell ${cell.i} \`${cell.first}\`: ${out.ename}: ${out.evalue}`);
      if (out.output_type === 'stream' && out.name === 'stderr') {
        fail(name, `cell ${cell.i} \`${cell.first}\` wrote to stderr: ${String(out.text).slice(0, 200)}`);
      }
    }
  }
  let raw = [];
  try {
    await waitFor('math typeset', MATH_SETTLE_MS, async () => {
      raw = await rawMath(page, '.jp-MarkdownCell .jp-RenderedMarkdown, .jp-OutputArea-output', 'notebook');
      return raw.length === 0;
    });
  } catch {
    fail(name, `raw, unrendered math: ${raw.slice(0, 3).join(' | ')}`);
  }
  // Only this notebook's outputs: JupyterLab keeps other open documents in the page, hidden.
  const images = await page.evaluate(() => [...window.jupyterapp.shell.currentWidget.node
    .querySelectorAll('.jp-OutputArea-output img')]
    .map(img => ({ ok: img.complete && img.naturalWidth > 0, src: img.src.slice(0, 40) })));
  if (images.length === 0) fail(name, 'no image in the outputs');
  images.filter(i => !i.ok).forEach(i => fail(name, `image did not load (${i.src}...)`));
  const tables = await page.evaluate(() => window.jupyterapp.shell.currentWidget.node
    .querySelectorAll('.jp-OutputArea-output table.softmaxlab').length);
  if (tables === 0) fail(name, 'no library table (table.softmaxlab) in the outputs');
  const wide = await wideOutputs(page);
  wide.forEach(o => fail(name, `cell ${o.cell} \`${o.first}\`: output ${o.by} px wider than the notebook `
    + `(${WINDOW.width}-px window), at ${o.what}`));
  await page.screenshot({ path: join(OUT, name.replace(/\.ipynb$/, '.png')) });
  await shootCells(page, name, 'wide', wide.map(o => o.cell));
  await shootCells(page, name, 'table', await page.evaluate(() => window.jupyterapp.shell.currentWidget.content
    .widgets.map((c, i) => c.node.querySelector('.jp-OutputArea-output table.softmaxlab') ? i : -1)
    .filter(i => i >= 0).reverse()));
  console.log(`  ${name}: kernel idle ${idleAfter.toFixed(1)} s after opening, Run All ${runAll.toFixed(1)} s, `
    + `${images.length} images, ${tables} library tables`);
  // Shut the kernel down and close the notebook unsaved (autosave is off): the next one opens in the same page.
  await page.evaluate(async () => {
    const w = window.jupyterapp.shell.currentWidget;
    await w.sessionContext.shutdown();
    w.dispose();
  });
  return { name, idleAfter, runAll, images: images.length, tables };
}

async function testExport(browser) {
  const html = join(ROOT, 'target/notebooks/02_three_class_gradient_cases.html');
  if (!existsSync(html)) { fail('HTML export', `${html} missing (the headless run writes it)`); return; }
  const page = await browser.newPage();
  // Offline: any request that leaves the file system fails the check.
  const remote = [];
  page.on('request', r => { if (!r.url().startsWith('file:')) remote.push(r.url()); });
  await page.goto(pathToFileURL(html).href);
  await waitFor('MathJax in the export', MATH_SETTLE_MS, () => page.evaluate(() =>
    window.MathJax?.Hub?.queue && window.MathJax.Hub.queue.pending === 0 && window.MathJax.Hub.queue.running === 0
    && document.querySelectorAll('.MathJax_SVG').length > 0)).catch(e => fail('HTML export', e.message));
  const raw = await rawMath(page, 'body');
  if (raw.length) fail('HTML export', `raw, unrendered math: ${raw.slice(0, 3).join(' | ')}`);
  if (remote.length) fail('HTML export', `requests off the machine: ${remote.slice(0, 3).join(', ')}`);
  const typeset = await page.locator('.MathJax_SVG').count();
  await page.screenshot({ path: join(OUT, 'export-02.png') });
  console.log(`  export ${html.slice(ROOT.length + 1)}: ${typeset} equations typeset offline`);
  await page.close();
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  const names = process.argv.slice(2).length ? process.argv.slice(2)
    : readdirSync(join(ROOT, 'notebooks')).filter(n => n.endsWith('.ipynb')).sort();
  const before = repositoryState();
  const port = await freePort();
  const token = randomBytes(16).toString('hex');
  console.log(`Browser test: JupyterLab (notebooks/lab.sh --headless) on port ${port}, Chromium /usr/bin/chromium`);
  const { lab, log } = await startLab(port, token);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const results = [];
  try {
    const page = await browser.newPage({ viewport: WINDOW });
    page.on('pageerror', e => console.log(`  (page error: ${e.message.slice(0, 160)})`));
    for (const name of names) {
      try {
        const r = await testNotebook(page, `http://127.0.0.1:${port}`, token, name);
        if (r) results.push(r);
      } catch (e) {
        fail(name, e.message);
        await page.screenshot({ path: join(OUT, name.replace(/\.ipynb$/, '.failed.png')) }).catch(() => {});
      }
    }
    await testExport(browser);
  } finally {
    await browser.close();
    process.kill(-lab.pid, 'SIGTERM');
    await new Promise(r => setTimeout(r, 2000));
    writeFileSync(join(OUT, 'lab.log'), log());
  }
  const after = repositoryState();
  if (after !== before) fail('repository', `changed by opening and running notebooks:\n${after}\n(before:\n${before})`);
  writeFileSync(join(OUT, 'summary.json'), JSON.stringify({ results, failures }, null, 2));
  const clean = names.filter(n => results.some(r => r.name === n) && !failures.some(f => f.startsWith(`${n}:`)));
  console.log(`Browser: ${clean.length} of ${names.length} notebooks clean in JupyterLab, ${failures.length} `
    + 'failure(s); screenshots in target/browser/');
  process.exit(failures.length ? 1 : 0);
}

main().catch(e => { console.error(`Browser test: ${e.stack || e}`); process.exit(1); });
