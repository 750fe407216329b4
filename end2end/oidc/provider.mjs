// A local OpenID Connect provider for development and tests: oauth2-mock-server (real
// discovery, JWKS, signed ID tokens with nonce, PKCE S256) with a sign-in form in front
// of its authorize endpoint, so a person (or a test) chooses who they are.
//
//   node end2end/oidc/provider.mjs [--port 3002] [--host 127.0.0.1]
//
// Prints `issuer=http://HOST:PORT` once it is listening. Never use it in production: it
// signs in anyone as anyone.
import { createServer } from 'node:http';
import { OAuth2Issuer, OAuth2Service } from 'oauth2-mock-server';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const host = arg('host', '127.0.0.1');
const port = Number(arg('port', '0'));

const issuer = new OAuth2Issuer();
await issuer.keys.generate('RS256');
const service = new OAuth2Service(issuer);

// Who signed in with each authorization code, for the tokens issued for it.
const people = new Map();

service.on('beforeAuthorizeRedirect', (redirect, req) => {
  const q = req.query;
  const code = redirect.url.searchParams.get('code');
  if (code && q.login_email) {
    const email = String(q.login_email).trim();
    people.set(code, {
      sub: String(q.login_sub || '').trim() || `user-${email.toLowerCase()}`,
      email,
      email_verified: q.login_unverified !== 'true',
      name: String(q.login_name || '').trim() || email.split('@')[0],
    });
    setTimeout(() => people.delete(code), 10 * 60 * 1000).unref();
  }
});

service.on('beforeTokenSigning', (token, req) => {
  const who = req.body && people.get(req.body.code);
  if (who) Object.assign(token.payload, who);
});

const escape = (s) =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

function signInForm(url) {
  const hidden = [...url.searchParams]
    .filter(([k]) => !k.startsWith('login_'))
    .map(([k, v]) => `<input type="hidden" name="${escape(k)}" value="${escape(v)}">`)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Local test sign-in</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
label{display:block;margin-top:1rem;font-weight:600}input[type=email],input[type=text]{width:100%;padding:.5rem;font:inherit;border:1px solid #555;border-radius:4px}
button{margin-top:1.5rem;padding:.6rem 1.2rem;font:inherit;background:#134e4a;color:#fff;border:0;border-radius:4px}
.note{background:#fff7e0;border:1px solid #a86b00;padding:.75rem;border-radius:4px}</style></head>
<body><main>
<h1>Local test sign-in</h1>
<p class="note">This is the development identity provider. It signs in whoever you type, so it is never configured in production.</p>
<form method="get" action="/authorize">
${hidden}
<label for="login_email">Email</label>
<input id="login_email" name="login_email" type="email" required autocomplete="email" value="volunteer@example.org">
<label for="login_name">Name</label>
<input id="login_name" name="login_name" type="text" autocomplete="name" value="Val Volunteer">
<label for="login_sub">Account id at this provider (optional)</label>
<input id="login_sub" name="login_sub" type="text">
<p><label><input type="checkbox" name="login_unverified" value="true"> Treat the email as unverified</label></p>
<button type="submit">Sign in</button>
</form>
<p>Tip: the address in <code>APP_AUTH__ADMIN_EMAILS</code> signs in as an administrator.</p>
</main></body></html>`;
}

const server = createServer((req, res) => {
  const url = new URL(req.url, `http://${req.headers.host}`);
  if (req.method === 'GET' && url.pathname === '/authorize' && !url.searchParams.has('login_email')) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(signInForm(url));
    return;
  }
  service.requestHandler(req, res);
});

server.listen(port, host, () => {
  const { port: bound } = server.address();
  issuer.url = `http://${host}:${bound}`;
  console.log(`issuer=${issuer.url}`);
});

// Tests start it with --exit-with-stdin: it stops when the test process (and the pipe) ends.
if (process.argv.includes('--exit-with-stdin')) {
  process.stdin.on('end', () => process.exit(0));
  process.stdin.resume();
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
