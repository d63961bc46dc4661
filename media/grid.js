// Newsmark's own script for its webview pages (Compare Outlets, the Agreement Report), loaded under
// the page's nonce; a page holds no other. Tabs, if the page has any, follow the ARIA tabs pattern;
// each table is an ARIA grid with one tab stop, moved by the arrow keys; Enter, Space or a click on
// a cell that names something asks the extension to act on it: a tag (data-article + data-id) to be
// revealed, or an article with a data-action (e.g. "differences"). The selected tab and the focused
// cell are kept in the webview state, so a redraw keeps them; a redraw whose summary line differs
// from the last is announced in the page's live region.
(function () {
  'use strict';
  // eslint-disable-next-line no-undef
  const vscode = acquireVsCodeApi();
  const state = Object.assign({ tab: 'tab-figures', focus: null, hadFocus: false }, vscode.getState() || {});
  const save = (patch) => vscode.setState(Object.assign(state, patch));

  const tabs = Array.from(document.querySelectorAll('[role="tab"]'));
  function selectTab(tab, focus) {
    for (const t of tabs) {
      const on = t === tab;
      t.setAttribute('aria-selected', String(on));
      t.tabIndex = on ? 0 : -1;
      const panel = document.getElementById(t.getAttribute('aria-controls'));
      if (panel) panel.hidden = !on;
    }
    if (focus) tab.focus();
    save({ tab: tab.id });
  }
  for (const tab of tabs) {
    tab.addEventListener('click', () => selectTab(tab, true));
    tab.addEventListener('keydown', (event) => {
      const i = tabs.indexOf(tab);
      const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[event.key];
      if (next === undefined) return;
      event.preventDefault();
      selectTab(tabs[(next + tabs.length) % tabs.length], true);
    });
  }

  /** Identifies a cell across redraws: the tag or article it names, else its label. */
  const keyOf = (el) => (el.dataset.id || el.dataset.action ? `${el.dataset.article}\n${el.dataset.id || el.dataset.action}\n${el.closest('td, th').cellIndex}` : el.getAttribute('aria-label'));
  const stopsOf = (scope) => Array.from(scope.querySelectorAll('[data-nav]'));
  const bodyRows = (grid) => Array.from(grid.tBodies).flatMap((b) => Array.from(b.rows));

  function moveTo(grid, el) {
    for (const s of stopsOf(grid)) s.tabIndex = s === el ? 0 : -1;
    el.focus();
    save({ focus: keyOf(el) });
  }

  function reveal(el) {
    if (el.dataset.action) vscode.postMessage({ type: el.dataset.action, article: el.dataset.article });
    else if (el.dataset.id) vscode.postMessage({ type: 'reveal', article: el.dataset.article, id: el.dataset.id });
  }

  /** The stop in `row` nearest to column `col` (the cell itself, else the closest one). */
  function nearest(row, col) {
    const stops = stopsOf(row);
    let best = null;
    for (const s of stops) {
      const d = Math.abs(s.closest('td, th').cellIndex - col);
      if (best === null || d < best.d) best = { s, d };
    }
    return best && best.s;
  }

  for (const grid of document.querySelectorAll('[role="grid"]')) {
    const stops = stopsOf(grid);
    if (stops.length === 0) continue;
    // No cell remembered yet: the first one (a cell with no key of its own must not match "none").
    const remembered = state.focus !== null && stops.find((s) => keyOf(s) === state.focus);
    for (const s of stops) s.tabIndex = -1;
    (remembered || stops[0]).tabIndex = 0;
    grid.addEventListener('click', (event) => {
      const el = event.target.closest('[data-nav]');
      if (!el || !grid.contains(el)) return;
      moveTo(grid, el);
      reveal(el);
    });
    grid.addEventListener('keydown', (event) => {
      const el = event.target.closest('[data-nav]');
      if (!el) return;
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        reveal(el);
        return;
      }
      const row = el.closest('tr');
      const rows = bodyRows(grid);
      const r = rows.indexOf(row);
      const inRow = stopsOf(row);
      const i = inRow.indexOf(el);
      const col = el.closest('td, th').cellIndex;
      const all = stopsOf(grid);
      let target = null;
      switch (event.key) {
        case 'ArrowRight': target = inRow[i + 1]; break;
        case 'ArrowLeft': target = inRow[i - 1]; break;
        case 'ArrowDown': target = rows[r + 1] && nearest(rows[r + 1], col); break;
        case 'ArrowUp': target = rows[r - 1] && nearest(rows[r - 1], col); break;
        case 'PageDown': target = nearest(rows[Math.min(rows.length - 1, r + 10)], col); break;
        case 'PageUp': target = nearest(rows[Math.max(0, r - 10)], col); break;
        case 'Home': target = event.ctrlKey ? all[0] : inRow[0]; break;
        case 'End': target = event.ctrlKey ? all[all.length - 1] : inRow[inRow.length - 1]; break;
        default: return;
      }
      event.preventDefault();
      if (target) moveTo(grid, target);
    });
  }

  // A redraw replaces the whole page, so a screen reader hears nothing of what changed: when the
  // summary line differs from the one before, it is put into the live region (a moment after the
  // load, so the region is known to be live before its text arrives).
  const summary = document.getElementById('summary');
  const announce = document.getElementById('announce');
  const now = summary ? summary.textContent.trim() : null;
  if (announce && now !== null && state.summary !== undefined && state.summary !== null && state.summary !== now) {
    setTimeout(() => { announce.textContent = 'Updated: ' + now; }, 300);
  }
  save({ summary: now });

  window.addEventListener('focus', () => save({ hadFocus: true }));
  window.addEventListener('blur', () => save({ hadFocus: false }));
  const tab = tabs.find((t) => t.id === state.tab) || tabs[0];
  if (tab) selectTab(tab, false);
  if (state.hadFocus) {
    // A page without tabs searches all of itself.
    const panel = tab ? document.getElementById(tab.getAttribute('aria-controls')) : document;
    const back = panel && Array.from(panel.querySelectorAll('[data-nav][tabindex="0"]')).find((s) => keyOf(s) === state.focus);
    (back || tab)?.focus();
  }
})();
