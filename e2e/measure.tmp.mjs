import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage();
for (const f of process.argv.slice(2)) {
  await page.setViewportSize({ width: 703, height: 1000 });
  await page.goto('file://' + f);
  await page.emulateMedia({ media: 'print' });
  const r = await page.evaluate(() => {
    const px2mm = 25.4 / 96;
    const out = [];
    const walk = (el, depth) => {
      for (const c of el.children) {
        const b = c.getBoundingClientRect();
        if (b.height === 0) continue;
        const label = (c.tagName + '.' + (c.className || '') + ' ' + (c.id || '') + ' ' + (c.textContent || '').trim().slice(0, 50)).replace(/\s+/g, ' ');
        out.push(`${'  '.repeat(depth)}${(b.height * px2mm).toFixed(0).padStart(4)}mm ${label}`);
        if (c.classList.contains('narrative') && depth < 1) walk(c, depth + 1);
      }
    };
    walk(document.querySelector('main'), 0);
    out.push('TOTAL body ' + (document.body.getBoundingClientRect().height * px2mm).toFixed(0) + 'mm');
    return out.join('\n');
  });
  console.log('== ' + f + '\n' + r);
}
await browser.close();
