// The browser's check of a parbench HTML report, appended to a copy of the
// report by html_chromium_test.sh and run by headless Chromium as it lays
// the page out. For every svg.chart: a title, both axes with ticks and a
// label, a plot area; every point, error bar and line vertex inside the
// plot area (in the SVG's units and on the laid-out screen), and every
// vertex of a fitted curve and of its band too; a guide (the ideal line)
// cut at the plot area by its clip path; as many legend entries as series,
// and each entry's series with its marks (points, or a line of at least two
// vertices for a fit or a guide); a table after the chart; a decision map
// before the first chart when the page has family tables; the page no wider than the window. It writes its verdict into the DOM, in a pre
// element of id parbench-verdict: "OK charts=C points=P legend=L", or
// "FAIL ..." followed by one problem a line; errors of any script on the
// page are problems too.
(function () {
  'use strict';
  const problems = [];
  const slack = 0.5; // SVG units: coordinates are written with two decimals
  window.addEventListener('error', (e) => problems.push('script error: ' + e.message));
  const inside = (r, x, y) =>
    x >= r.x - slack && x <= r.x + r.width + slack && y >= r.y - slack && y <= r.y + r.height + slack;
  let points = 0;
  let legend = 0;
  let fits = 0;
  let guides = 0;
  const charts = document.querySelectorAll('svg.chart');
  charts.forEach((svg) => {
    const id = svg.id || '(a chart without id)';
    const title = svg.querySelector(':scope > title');
    if (!title || !title.textContent.trim()) problems.push(id + ': no title');
    const area = svg.querySelector('rect.plot-area');
    if (!area) {
      problems.push(id + ': no plot area');
      return;
    }
    const r = area.getBBox();
    for (const axis of ['axis-x', 'axis-y']) {
      const g = svg.querySelector('g.' + axis);
      if (!g) {
        problems.push(id + ': no ' + axis);
        continue;
      }
      const ticks = g.querySelectorAll('g.tick text.tick-label');
      if (ticks.length < 2) problems.push(id + ': ' + axis + ' has ' + ticks.length + ' tick labels');
      const label = g.querySelector('text.axis-label');
      if (!label || !label.textContent.trim()) problems.push(id + ': ' + axis + ' has no label');
    }
    const screen = area.getBoundingClientRect();
    const series = svg.querySelectorAll('g.series');
    series.forEach((s) => {
      const name = id + ' series ' + s.dataset.series;
      s.querySelectorAll('circle.point').forEach((c) => {
        points++;
        const x = c.cx.baseVal.value;
        const y = c.cy.baseVal.value;
        if (!inside(r, x, y)) problems.push(name + ': point (' + x + ', ' + y + ') outside the axes');
        const b = c.getBoundingClientRect();
        const sx = (b.left + b.right) / 2;
        const sy = (b.top + b.bottom) / 2;
        if (sx < screen.left - 1 || sx > screen.right + 1 || sy < screen.top - 1 || sy > screen.bottom + 1) {
          problems.push(name + ': point drawn outside the axes on the screen');
        }
      });
      s.querySelectorAll('line.err').forEach((l) => {
        for (const [x, y] of [[l.x1, l.y1], [l.x2, l.y2]]) {
          if (!inside(r, x.baseVal.value, y.baseVal.value)) problems.push(name + ': error bar outside the axes');
        }
      });
      if (s.classList.contains('guide')) {
        guides++;
        const clip = (s.getAttribute('clip-path') || '').match(/^url\(#(.+)\)$/);
        const rect = clip ? svg.querySelector('clipPath[id="' + clip[1] + '"] rect') : null;
        if (!rect) {
          problems.push(name + ': a guide not cut at the plot area');
        } else {
          const c = rect.getBBox();
          if (Math.abs(c.x - r.x) > slack || Math.abs(c.y - r.y) > slack ||
              Math.abs(c.width - r.width) > slack || Math.abs(c.height - r.height) > slack) {
            problems.push(name + ': a guide cut elsewhere than at the plot area');
          }
        }
        return;
      }
      if (s.classList.contains('fit')) {
        fits++;
        if (!s.querySelector('polygon.band')) problems.push(name + ': a fit without its band');
      }
      s.querySelectorAll('polyline, polygon').forEach((pl) => {
        for (const p of pl.points) {
          if (!inside(r, p.x, p.y)) problems.push(name + ': line vertex outside the axes');
        }
      });
    });
    const entries = svg.querySelectorAll('g.legend g.legend-entry');
    legend += entries.length;
    if (entries.length !== series.length) {
      problems.push(id + ': ' + entries.length + ' legend entries for ' + series.length + ' series');
    }
    entries.forEach((e) => {
      const text = e.querySelector('text');
      if (!text || !text.textContent.trim()) problems.push(id + ': a legend entry without a name');
      const s = svg.querySelector('g.series[data-series="' + e.dataset.series + '"]');
      const lineOnly = s && (s.classList.contains('fit') || s.classList.contains('guide'));
      const line = s ? s.querySelector('polyline.line') : null;
      if (!s || (lineOnly ? !line || line.points.length < 2 : s.querySelectorAll('circle.point').length === 0)) {
        problems.push(id + ': legend entry "' + (text ? text.textContent : '') + '" has no points');
      }
    });
    const section = svg.closest('section');
    if (!section || !section.querySelector('table')) problems.push(id + ': no table beside the chart');
  });
  if (charts.length === 0) problems.push('no chart on the page');
  if (document.querySelector('table.family')) {
    const map = document.querySelector('table.decision-map');
    if (!map) {
      problems.push('family tables but no decision map');
    } else if (charts.length > 0 &&
               !(map.compareDocumentPosition(charts[0]) & Node.DOCUMENT_POSITION_FOLLOWING)) {
      problems.push('the decision map does not come before the charts');
    }
  }
  // Nothing wider than the window: wide tables and charts scroll in their
  // own boxes, so the page reads at a phone's width.
  const page = document.documentElement;
  if (page.scrollWidth > window.innerWidth + 1) {
    problems.push('the page is ' + page.scrollWidth + ' px wide in a ' + window.innerWidth + ' px window');
  }
  const verdict = document.createElement('pre');
  verdict.id = 'parbench-verdict';
  verdict.textContent = (problems.length === 0 ? 'OK' : 'FAIL') + ' charts=' + charts.length +
      ' points=' + points + ' legend=' + legend + ' fits=' + fits + ' guides=' + guides + '\n' + problems.join('\n');
  document.body.appendChild(verdict);
})();
