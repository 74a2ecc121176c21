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

// Every figure.chart: its SVG is rendered with a size, and every <text> lies inside the SVG's box.
export const chartProbe = new Function(`
  ${DESCRIBE}
  const tol = 1; // px, for antialiasing and rounding
  const out = [];
  for (const fig of document.querySelectorAll('figure.chart')) {
    const res = { id: fig.id || describe(fig), problems: [], texts: 0 };
    const svgs = fig.querySelectorAll('svg');
    if (!svgs.length) res.problems.push('no <svg> in the figure');
    for (const svg of svgs) {
      const r = svg.getBoundingClientRect();
      const style = getComputedStyle(svg);
      if (!(r.width > 0 && r.height > 0)) res.problems.push('svg has no size: ' + r.width + 'x' + r.height);
      if (style.visibility !== 'visible' || style.display === 'none' || Number(style.opacity) === 0 ||
          (svg.checkVisibility && !svg.checkVisibility())) res.problems.push('svg is not visible');
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
      }
    }
    out.push(res);
  }
  return out;
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
