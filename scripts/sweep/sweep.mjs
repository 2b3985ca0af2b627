// The security sweep of issue 11, run from outside against a running site (loopback only): a demo reader
// becomes PRO in test mode in Chromium, then the PRO cookie is sent in every shape the cookie parser accepts,
// each time followed by an anonymous request that must see the teaser only; then the bad inputs that used to
// answer 500. Prints one line per check and a closing "sweep: N leaks, N server errors, N checks".
//   cd scripts/sweep && npm install --no-save playwright-core && node sweep.mjs http://127.0.0.1:5000
// Needs the demo newsroom (Development), test-mode payments and /usr/bin/chromium.
import { chromium } from 'playwright-core';

const base = new URL(process.argv[2] ?? 'http://127.0.0.1:5000');
if (!['127.0.0.1', 'localhost', '[::1]'].includes(base.hostname)) throw new Error('loopback addresses only');
const memo = '/articles/memo-chip-packaging-ambitions';
const membersOnly = '/articles/abu-dhabi-private-credit';
const marker = 'suppliers of packaging equipment and materials';
let leaks = 0, errors = 0, checks = 0;
const report = (ok, what, detail = '') => { checks++; console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${detail ? ': ' + detail : ''}`); };

async function signedInCookie(browser, email, password, pro) {
  const page = await (await browser.newContext({ baseURL: base.href })).newPage();
  await page.goto('/account/signin');
  await page.fill('#email', email);
  await page.fill('#password', password);
  await page.getByRole('button', { name: 'Sign in with password' }).click();
  await page.waitForURL(u => !u.pathname.startsWith('/account/signin'));
  if (pro) {
    await page.goto('/pricing');
    if (await page.locator('#start-trial').count()) {
      await page.click('#start-trial');
      await page.fill('#card-number', '4242 4242 4242 4242');
      await page.fill('#card-expiry', '12/30');
      await page.fill('#card-cvc', '123');
      await page.fill('#card-name', 'Sweep Reader');
      await page.getByRole('button', { name: 'Start free trial' }).click();
      await page.waitForLoadState('networkidle');
    }
    await page.goto(memo);
    if (!(await page.locator('main').innerText()).includes(marker)) throw new Error('the PRO reader cannot read the memo: the sweep would prove nothing');
  }
  const auth = (await page.context().cookies()).filter(c => c.name.startsWith('masthead.auth'));
  await page.context().close();
  return auth;
}

async function get(path, headers = {}) {
  const res = await fetch(new URL(path, base), { headers, redirect: 'manual' });
  return { status: res.status, body: await res.text() };
}

function cookieShapes(auth) {
  const pair = auth.map(c => `${c.name}=${c.value}`).join('; ');
  const upper = auth.map(c => `${c.name.toUpperCase()}=${c.value}`).join('; ');
  return {
    'plain': [['Cookie', pair]],
    'after a tab': [['Cookie', `x=1;\t${pair}`]],
    'upper-case name': [['Cookie', `x=1; ${upper}`]],
    'no space': [['Cookie', `x=1;${pair}`]],
    'duplicate, empty first': [['Cookie', `masthead.auth=; ${pair}`]],
    'duplicate, valid first': [['Cookie', `${pair}; masthead.auth=garbage`]],
    'comma separated': [['Cookie', `x=1, ${pair}`]],
    'quoted value': [['Cookie', auth.map(c => `${c.name}="${c.value}"`).join('; ')]],
    'two Cookie headers': [['Cookie', 'x=1'], ['Cookie', pair]],
    'mixed case, tabs': [['Cookie', `\tMasThead.Auth=${auth[0].value}`]],
  };
}

async function leakCheck(path, label, auth, gatedText) {
  for (const [shape, headers] of Object.entries(cookieShapes(auth))) {
    const h = new Headers();
    for (const [k, v] of headers) h.append(k, v);
    await fetch(new URL(path, base), { headers: h, redirect: 'manual' }).then(r => r.text());
    const anon = await get(path);
    const leaked = anon.body.includes(gatedText);
    if (leaked) leaks++;
    if (anon.status >= 500) errors++;
    report(!leaked && anon.status < 500, `${label}, ${shape}: anonymous afterwards`, `${anon.status}${leaked ? ', GATED TEXT SHOWN' : ''}`);
  }
}

async function badInput(what, run) {
  try {
    const status = await run();
    if (status >= 500) errors++;
    report(status >= 400 && status < 500, what, String(status));
  } catch (e) { errors++; report(false, what, e.message); }
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const pro = await signedInCookie(browser, 'reader@demo.masthead.local', 'masthead-demo-reader', true);
  await leakCheck(memo, 'PRO memo', pro, marker);
  // The members-only piece: its last paragraph is text only a signed-in reader sees.
  const member = await get(membersOnly, { Cookie: pro.map(c => `${c.name}=${c.value}`).join('; ') });
  const paragraphs = [...member.body.matchAll(/<p>([^<]{60,})<\/p>/g)].map(m => m[1]);
  const anonymous = await get(membersOnly);
  const gated = paragraphs.find(p => !anonymous.body.includes(p));
  if (gated) await leakCheck(membersOnly, 'members-only piece', pro, gated);
  else report(false, 'members-only piece', 'could not find text that only a signed-in reader sees');
} finally { await browser.close(); }

const form = (body, type = 'application/x-www-form-urlencoded') => ({ method: 'POST', body, headers: { 'Content-Type': type }, redirect: 'manual' });
await badInput('urlencoded POST with 2,500 fields', async () =>
  (await fetch(new URL('/briefings/subscribe', base), form(Array.from({ length: 2500 }, (_, i) => `f${i}=1`).join('&')))).status);
await badInput('urlencoded POST with a 5 MB value', async () =>
  (await fetch(new URL('/briefings/subscribe', base), form('Email=' + 'a'.repeat(5 * 1024 * 1024)))).status);
await badInput('raw " in a multipart filename', async () => {
  const boundary = 'sweepboundary';
  const body = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a"b.csv"\r\nContent-Type: text/csv\r\n\r\nemail\r\n--${boundary}--\r\n`;
  return (await fetch(new URL('/briefings/subscribe', base), form(body, `multipart/form-data; boundary=${boundary}`))).status;
});
await badInput('chunked 50 MB upload', async () => {
  let sent = 0;
  const stream = new ReadableStream({ pull(c) { if (sent >= 50) { c.close(); return; } sent++; c.enqueue(new Uint8Array(1024 * 1024).fill(97)); } });
  const res = await fetch(new URL('/briefings/subscribe/embed', base), { method: 'POST', body: stream, duplex: 'half', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }).catch(e => ({ status: 413, e }));
  return res.status;
});
await badInput('oversized bounce body', async () =>
  (await fetch(new URL('/api/v1/bounces', base), { method: 'POST', body: 'x'.repeat(3 * 1024 * 1024), headers: { 'Content-Type': 'message/rfc822' } })).status);
await badInput('Stripe webhook, malformed JSON, no signature', async () =>
  (await fetch(new URL('/api/v1/billing/stripe/webhook', base), { method: 'POST', body: '{"id": ', headers: { 'Content-Type': 'application/json' } })).status);
await badInput('page=2147483647', async () => (await get('/sections/energy?page=2147483647')).status);
{
  const head = await fetch(new URL('/api/v1/articles', base), { method: 'HEAD' });
  const getRes = await fetch(new URL('/api/v1/articles', base));
  if (head.status >= 500) errors++;
  report(head.status === getRes.status, 'HEAD /api/v1/articles answers like GET', `${head.status} vs ${getRes.status}`);
}
console.log(`sweep: ${leaks} leaks, ${errors} server errors, ${checks} checks`);
process.exit(leaks + errors > 0 ? 1 : 0);
