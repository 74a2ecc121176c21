// Functions that run inside the page (page.evaluate): they only read the DOM and return plain data.

// A short, readable name for an element: tag#id.class, with its text start.
const DESCRIBE = `
  function describe(el) {
    let s = el.tagName.toLowerCase();
    if (el.id) s += '#' + el.id;
    const cls = (el.getAttribute('class') || '').trim().split(/\\s+/).filter(Boolean);
    if (cls.length) s += '.' + cls.join('.');
    const text = (el.textContent || '').replace(/\\s+/g, ' ').trim().slice(0, 50);
    return text ? s + ' "' + text + '"' : s;
  }
`;

// Every figure.chart: exactly one of its SVGs (the wide or the phone form) is shown, with a size
// and a viewBox; every <text> in it lies inside the SVG's box and renders at 11 px or more
// (its font size in SVG units × the rendered width / the viewBox width). Returns each figure's
// problems, the number of texts checked and the smallest text seen (in px).
export const chartProbe = new Function(`
  ${DESCRIBE}
  const tol = 1; // px, for antialiasing and rounding
  const MIN_TEXT = 11; // px
  const out = [];
  for (const fig of document.querySelectorAll('figure.chart')) {
    const res = { id: fig.id || describe(fig), problems: [], texts: 0, smallest: Infinity };
    const svgs = [...fig.querySelectorAll('svg')].filter((svg) => !svg.parentElement.closest('svg'));
    if (!svgs.length) res.problems.push('no <svg> in the figure');
    const shown = svgs.filter((svg) => {
      const style = getComputedStyle(svg);
      return style.display !== 'none' && style.visibility === 'visible' && Number(style.opacity) !== 0 &&
        (!svg.checkVisibility || svg.checkVisibility());
    });
    if (svgs.length && shown.length !== 1) res.problems.push(shown.length + ' of its ' + svgs.length + ' svgs are shown (one form, exactly, should be)');
    for (const svg of shown) {
      const r = svg.getBoundingClientRect();
      if (!(r.width > 0 && r.height > 0)) res.problems.push('svg has no size: ' + r.width + 'x' + r.height);
      const vb = svg.viewBox && svg.viewBox.baseVal;
      const units = vb && vb.width > 0 ? r.width / vb.width : null;
      if (!units) res.problems.push('svg has no viewBox');
      const small = [];
      for (const t of svg.querySelectorAll('text')) {
        if (!t.textContent.trim()) continue;
        res.texts++;
        const b = t.getBoundingClientRect();
        const over = {
          left: r.left - b.left, right: b.right - r.right, top: r.top - b.top, bottom: b.bottom - r.bottom,
        };
        const bad = Object.entries(over).filter(([, v]) => v > tol);
        if (bad.length) {
          const rotated = /rotate/.test(t.getAttribute('transform') || '') ? 'rotated ' : '';
          res.problems.push(rotated + 'text "' + t.textContent.trim().slice(0, 60) + '" sticks out of the svg by ' +
            bad.map(([k, v]) => k + ' ' + v.toFixed(1) + 'px').join(', ') +
            ' (svg ' + r.width.toFixed(0) + 'x' + r.height.toFixed(0) + ' px)');
        }
        if (units) {
          const px = parseFloat(getComputedStyle(t).fontSize) * units;
          res.smallest = Math.min(res.smallest, px);
          if (px < MIN_TEXT - 0.01) small.push('"' + t.textContent.trim().slice(0, 30) + '" ' + px.toFixed(1) + 'px');
        }
      }
      if (small.length) res.problems.push(small.length + ' text(s) under ' + MIN_TEXT + ' px (svg ' + r.width.toFixed(0) + ' px for a viewBox ' + vb.width + ' wide): ' + small.slice(0, 3).join(', '));
    }
    out.push(res);
  }
  return out;
`);

// Nothing in main scrolls sideways or sticks out of its box: every chart figure, its boxes
// and every element in main that is a scroll box (overflow-x other than visible) has
// scrollWidth <= clientWidth. A chart that needs a sideways scroll hides its newest sprints.
export const fitProbe = new Function(`
  ${DESCRIBE}
  const res = { checked: 0, overflowing: [] };
  const seen = new Set();
  const consider = (el, why) => {
    if (seen.has(el) || !el.getClientRects().length) return;
    seen.add(el);
    res.checked++;
    if (el.scrollWidth > el.clientWidth) {
      res.overflowing.push(why + ' ' + describe(el).slice(0, 70) + ': ' + el.scrollWidth + ' px of content in ' + el.clientWidth + ' px');
    }
  };
  for (const fig of document.querySelectorAll('main figure')) {
    consider(fig, 'figure');
    for (const el of fig.querySelectorAll('*')) {
      if (el.closest('svg') || el.closest('table')) continue; // tables have their own check
      consider(el, 'in a figure:');
    }
  }
  for (const el of document.querySelectorAll('main *')) {
    if (el.closest('svg') || el.closest('table')) continue; // tables have their own check
    const o = getComputedStyle(el).overflowX;
    if (o !== 'visible' && o !== 'clip' && !el.querySelector('table')) consider(el, 'scroll box');
  }
  res.overflowing = res.overflowing.slice(0, 8);
  return res;
`);

// At a narrow viewport: does the page scroll sideways?
export const narrowProbe = new Function(`
  ${DESCRIBE}
  const de = document.documentElement;
  const width = de.clientWidth;
  const res = { scrollWidth: de.scrollWidth, clientWidth: width, offenders: [] };
  const clippedByAncestor = (el) => {
    for (let a = el.parentElement; a && a !== document.body && a !== de; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== 'visible') return true;
    }
    return false;
  };
  if (de.scrollWidth > width) {
    const offenders = new Set();
    const texts = new Set();
    for (const el of document.body.querySelectorAll('*')) {
      if (el.closest('svg') && el.tagName.toLowerCase() !== 'svg') continue;
      const r = el.getBoundingClientRect();
      if (!r.width || clippedByAncestor(el)) continue;
      if (r.right > width + 0.5) offenders.add(el);
      // Text (a long word) can stick out of a box that itself fits.
      else if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === 'visible' &&
               r.left + el.scrollWidth > width + 0.5) { offenders.add(el); texts.add(el); }
    }
    // Only the innermost ones name the culprit; keep the ones with no offending child.
    for (const el of offenders) {
      if (![...el.children].some((c) => offenders.has(c))) {
        const r = el.getBoundingClientRect();
        res.offenders.push(describe(el) + (texts.has(el)
          ? ': its text runs to ' + (r.left + el.scrollWidth).toFixed(0) + 'px'
          : ' reaches ' + r.right.toFixed(0) + 'px'));
      }
    }
    res.offenders = res.offenders.slice(0, 8);
  }
  return res;
`);

// Every table inside main shows all its columns in its box: neither the table, nor its
// .table-wrap (or, without one, its parent) scrolls sideways. A scroll box is a last resort,
// never the way a page shows its numbers.
export const tableProbe = new Function(`
  ${DESCRIBE}
  const res = { tables: 0, overflowing: [] };
  for (const t of document.querySelectorAll('main table')) {
    if (!t.getClientRects().length) continue; // not rendered (a closed <details>, print-only)
    res.tables++;
    const box = t.closest('.table-wrap') || t.parentElement;
    for (const el of new Set([t, box])) {
      if (el.scrollWidth > el.clientWidth) {
        const what = el === t ? 'the table' : (el.classList.contains('table-wrap') ? 'its .table-wrap' : 'its box ' + el.tagName.toLowerCase());
        res.overflowing.push(describe(t).slice(0, 70) + ': ' + what + ' scrolls, ' + el.scrollWidth + ' px of content in ' + el.clientWidth + ' px');
        break;
      }
    }
  }
  return res;
`);

// With print media: the navigation chrome is not displayed, charts do not break across pages.
export const printProbe = new Function(`
  ${DESCRIBE}
  const res = { shown: [], breaking: [], figures: 0 };
  for (const el of document.querySelectorAll('.site-header nav, form.search, .pager')) {
    const hidden = getComputedStyle(el).display === 'none' || (el.checkVisibility && !el.checkVisibility());
    if (!hidden) res.shown.push(describe(el));
  }
  for (const fig of document.querySelectorAll('figure.chart')) {
    res.figures++;
    const s = getComputedStyle(fig);
    if (s.breakInside !== 'avoid' && s.breakInside !== 'avoid-page') res.breaking.push((fig.id || describe(fig)) + ': break-inside ' + s.breakInside);
  }
  return res;
`);

// With print media and the viewport as wide as the printed page's text (A4 less its margins):
// nothing sticks out of the page, and nothing scrolls (a scroll box prints cut off).
export const printWidthProbe = new Function(`
  ${DESCRIBE}
  const width = document.documentElement.clientWidth;
  const res = { width, scrollWidth: document.documentElement.scrollWidth, offenders: [] };
  // Elements of the body, not those inside an svg (the svg itself stands for its drawing).
  const all = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT, {
    acceptNode: (n) => (n.parentElement && n.parentElement.closest('svg') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  while (walker.nextNode()) all.push(walker.currentNode);
  for (const el of all) {
    const s = getComputedStyle(el);
    if (s.display === 'none' || (s.position === 'absolute' && s.clipPath !== 'none')) continue;
    const b = el.getBoundingClientRect();
    if (b.width === 0 && b.height === 0) continue;
    const cutOff = el.scrollWidth > el.clientWidth + 1 && (s.overflowX === 'auto' || s.overflowX === 'scroll' || s.overflowX === 'hidden') && el.tagName !== 'svg';
    if (b.right > width + 1 || b.left < -1 || cutOff) {
      // Name the outermost offender only.
      if (!res.offenders.some((o) => o.el.contains(el))) res.offenders.push({ el, what: describe(el) + (cutOff ? ' scrolls' : ' right ' + Math.round(b.right) + ' > ' + width) });
    }
  }
  return { width: res.width, scrollWidth: res.scrollWidth, offenders: res.offenders.map((o) => o.what) };
`);

// Was the site's stylesheet applied? (The browser's defaults give body an 8px margin and a serif font.)
export const styleProbe = new Function(`
  const body = getComputedStyle(document.body);
  const sheets = [...document.styleSheets].map((s) => {
    let rules = -1;
    try { rules = s.cssRules.length; } catch (e) { rules = -1; }
    return { href: s.href, rules };
  });
  return { fontFamily: body.fontFamily, margin: body.margin, color: body.color, sheets };
`);

export const linksProbe = new Function(`
  return {
    links: [...document.querySelectorAll('a[href]')].map((a) => a.href),
    ids: [...document.querySelectorAll('[id], a[name]')].map((e) => e.id || e.getAttribute('name')),
  };
`);

export const axeRun = new Function(`
  return axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] },
    resultTypes: ['violations'],
  }).then((r) => r.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    count: v.nodes.length,
    nodes: v.nodes.slice(0, 4).map((n) => ({
      target: n.target.join(' '),
      summary: (n.failureSummary || '').replace(/\\s+/g, ' ').slice(0, 300),
      html: n.html.slice(0, 160),
    })),
  })));
`);

// The header: its height, where the main navigation's entries and the search box sit, and
// whether the search box shows its whole placeholder (measured with the input's own font).
export function headerProbe() {
  const header = document.querySelector('header.site-header');
  if (!header) return null;
  const box = (e) => { const r = e.getBoundingClientRect(); return { top: Math.round(r.top), bottom: Math.round(r.bottom), left: Math.round(r.left), right: Math.round(r.right), text: (e.textContent || '').trim().slice(0, 30) }; };
  const items = [...header.querySelectorAll('nav[aria-label="Main"] > ul > li > a, nav[aria-label="Main"] > details > summary')]
    .filter((e) => e.getClientRects().length).map(box);
  const input = header.querySelector('form.search input');
  let search = null;
  if (input && input.getClientRects().length) {
    const cs = getComputedStyle(input);
    const ctx = document.createElement('canvas').getContext('2d');
    ctx.font = cs.font;
    const room = input.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
    const label = input.labels && input.labels.length ? input.labels[0].textContent.trim() : input.getAttribute('aria-label') || '';
    search = { ...box(input), placeholder: input.placeholder, needs: Math.ceil(ctx.measureText(input.placeholder).width), room: Math.floor(room), label };
  }
  return { height: Math.round(header.getBoundingClientRect().height), items, search };
}
