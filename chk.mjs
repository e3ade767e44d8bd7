import { chromium } from 'playwright';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const p = await b.newPage();
p.on('pageerror', (e) => console.log('ERR', String(e))); p.on('console', (m) => console.log('CONSOLE', m.type(), m.text().slice(0, 300)));
await p.goto('file:///tmp/big/report.html');
console.log(await p.evaluate(() => document.documentElement.dataset.ready));
await b.close();
