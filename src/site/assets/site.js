// The site's one page script (served as is, no build step): draws each chart
// whose vega-lite spec the page carries, shows the run under the pointer on a
// case chart and opens it on click, and filters the 404 page's search list.
// It reads and navigates; it sends nothing.
/* global vega, vegaLite, document, window */
'use strict';

(function () {
  const views = [];
  window.perflabCharts = views;

  function showPoint(panel, datum) {
    if (!panel || !datum) return;
    const parts = [
      ['commit', datum.commit],
      ['author', datum.author],
      ['median', datum.value],
      ['verdict', datum.verdict],
      ['alert', datum.kind ? datum.kind + ' (' + datum.state + ')' : undefined],
      ['run', datum.runId],
      ['at', datum.when],
    ].filter(function (p) { return p[1] !== undefined && p[1] !== null; });
    panel.textContent = '';
    panel.classList.remove('empty');
    parts.forEach(function (p, i) {
      if (i > 0) panel.appendChild(document.createTextNode(' · '));
      const label = document.createElement('b');
      label.textContent = p[0] + ' ';
      panel.appendChild(label);
      const value = document.createElement(p[0] === 'run' && datum.href ? 'a' : 'span');
      value.textContent = String(p[1]);
      value.dataset.field = p[0];
      if (value.tagName === 'A') value.href = datum.href;
      panel.appendChild(value);
    });
  }

  function draw(box) {
    const data = document.getElementById(box.dataset.chart);
    if (!data) return Promise.resolve();
    const spec = JSON.parse(data.textContent);
    const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: 'svg', container: box, hover: true });
    views.push(view);
    if (box.dataset.kind === 'case') {
      const panel = document.getElementById('point');
      // Points only: a line's item carries the datum of its first point, not the one under the pointer.
      const runOf = function (item) { return item && item.mark && item.mark.marktype === 'symbol' && item.datum && item.datum.runId ? item.datum : null; };
      view.addEventListener('mouseover', function (_event, item) { showPoint(panel, runOf(item)); });
      view.addEventListener('click', function (_event, item) {
        const datum = runOf(item);
        showPoint(panel, datum);
        if (datum && datum.href) window.location.assign(datum.href);
      });
    }
    return view.runAsync();
  }

  function search() {
    const input = document.getElementById('search');
    if (!input) return;
    const items = Array.from(document.querySelectorAll('#search-results li'));
    const filter = function () {
      const words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      items.forEach(function (li) {
        const text = li.dataset.search || '';
        li.hidden = !words.every(function (w) { return text.indexOf(w) >= 0; });
      });
    };
    input.addEventListener('input', filter);
    filter();
  }

  const boxes = Array.from(document.querySelectorAll('[data-chart]'));
  window.perflabChartsDrawn = typeof vega === 'undefined'
    ? Promise.resolve()
    : Promise.all(boxes.map(draw)).then(function () { document.body.dataset.charts = 'drawn'; });
  search();
})();
