// A strict, spec-following OpenID Connect provider for tests: panva's oidc-provider (the
// certified implementation) with its default settings, plus a one-page sign-in form.
//
//   node strict-provider.mjs [--port 0] [--redirect URL]... [--web] [--exit-with-stdin]
//
// Prints exactly one line on stdout, `issuer=http://127.0.0.1:PORT`, once it is listening;
// everything else goes to stderr. Unlike the lenient provider.mjs it keeps oidc-provider's
// rules: client_secret_basic at the token endpoint, PKCE (S256 only) required, state and
// nonce round-tripped, and the email/profile claims only from the UserInfo endpoint, never
// in the ID token (conformIdTokenClaims). One static client:
//   client_id career-connects-strict, client_secret strict-secret, scopes openid email profile.
// (--allow-client-secret-post restores oidc-provider's own leniency there.)
// Redirect URIs: --redirect (repeatable), default http://127.0.0.1/auth/callback/strict.
// The client is registered as application_type "native", so an http://127.0.0.1 redirect
// URI matches on any port (RFC 8252 §7.3) and every authorization request shows the form.
// --web registers it as a plain web client instead: exact redirect URI match, and a
// browser that already signed in (session + grant) goes straight back without a form.
//
// Never use it in production: it signs in anyone as anyone.
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

// oidc-provider prints notices with console.info (stdout); stdout is reserved for the
// issuer line, and a reader may close the pipe after it.
console.info = console.error;
console.log = console.error;
process.stdout.on('error', () => {});

const argv = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : fallback;
};
const all = (name) => argv.flatMap((a, i) => (a === `--${name}` && argv[i + 1] ? [argv[i + 1]] : []));
const host = '127.0.0.1';
const port = Number(arg('port', '0'));
const redirectUris = all('redirect');
const web = argv.includes('--web');
const allowPost = argv.includes('--allow-client-secret-post');

const CLIENT = {
  client_id: 'career-connects-strict',
  client_secret: 'strict-secret',
  application_type: web ? 'web' : 'native',
  redirect_uris: redirectUris.length ? redirectUris : ['http://127.0.0.1/auth/callback/strict'],
  grant_types: ['authorization_code'],
  response_types: ['code'],
  token_endpoint_auth_method: 'client_secret_basic',
  scope: 'openid email profile',
};

// Accounts seen on the sign-in form: sub (a hash of the email) -> claims.
const accounts = new Map();
const subFor = (email) =>
  `u-${createHash('sha256').update(email.trim().toLowerCase()).digest('base64url').slice(0, 22)}`;

const escape = (s) =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

const page = (title, body) => `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
label{display:block;margin-top:1rem;font-weight:600}input[type=email],input[type=text]{width:100%;padding:.5rem;font:inherit;border:1px solid #555;border-radius:4px}
button{margin-top:1.5rem;padding:.6rem 1.2rem;font:inherit;background:#1e3a8a;color:#fff;border:0;border-radius:4px}
.note{background:#fff7e0;border:1px solid #a86b00;padding:.75rem;border-radius:4px}.error{color:#b00020;font-weight:600}</style></head>
<body><main>${body}</main></body></html>`;

function signInForm(uid, { email = '', name = '', error } = {}) {
  return page('Strict test sign-in', `
<h1>Strict test sign-in</h1>
<p class="note">Test identity provider (oidc-provider). It signs in whoever you type.</p>
${error ? `<p class="error" role="alert">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}">
<label for="email">Email</label>
<input id="email" name="email" type="email" required autocomplete="email" value="${escape(email)}">
<label for="name">Name</label>
<input id="name" name="name" type="text" autocomplete="name" value="${escape(name)}">
<p><label><input type="checkbox" name="unverified" value="true"> Treat the email as unverified</label></p>
<button type="submit">Sign in</button>
</form>`);
}

function send(res, status, html) {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html);
}

async function readForm(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

// GET shows the form; POST signs in (login) and grants what was asked (consent) at once.
async function interaction(provider, req, res, uid) {
  let details;
  try {
    details = await provider.interactionDetails(req, res);
  } catch (err) {
    return send(res, 400, page('Sign-in expired', `<h1>Sign-in expired</h1><p>${escape(err.error_description || err.message)}</p>`));
  }
  if (details.uid !== uid) return send(res, 400, page('Sign-in expired', '<h1>Sign-in expired</h1><p>interaction mismatch</p>'));

  if (req.method === 'GET') {
    const hint = details.params.login_hint;
    return send(res, 200, signInForm(uid, { email: hint?.includes('@') ? hint : '' }));
  }
  if (req.method !== 'POST') return send(res, 405, page('Method not allowed', '<h1>Method not allowed</h1>'));

  const form = await readForm(req);
  const email = (form.get('email') || '').trim();
  const name = (form.get('name') || '').trim();
  if (!/^[^@\s]+@[^@\s]+$/.test(email)) {
    return send(res, 400, signInForm(uid, { email, name, error: 'Enter an email address.' }));
  }
  const accountId = subFor(email);
  accounts.set(accountId, {
    email,
    email_verified: form.get('unverified') !== 'true',
    name: name || email.split('@')[0],
  });

  // Someone else signed in earlier in this browser: end that session first. (Left to
  // itself, oidc-provider would answer with a JavaScript-submitted logout form.)
  if (details.session?.accountId && details.session.accountId !== accountId) {
    const old = await provider.Session.findByUid(details.session.uid);
    delete details.session;
    await details.save(details.exp - Math.floor(Date.now() / 1000));
    if (old) await old.destroy();
  }

  let grant = details.grantId ? await provider.Grant.find(details.grantId) : undefined;
  if (!grant || grant.accountId !== accountId) {
    grant = new provider.Grant({ accountId, clientId: details.params.client_id });
  }
  grant.addOIDCScope(String(details.params.scope || 'openid'));
  const missing = details.prompt.details || {};
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes || {})) {
    grant.addResourceScope(indicator, scopes.join(' '));
  }
  const grantId = await grant.save();

  await provider.interactionFinished(req, res, { login: { accountId }, consent: { grantId } }, {
    mergeWithLastSubmission: false,
  });
}

const server = createServer();
server.listen(port, host, () => {
  const issuer = `http://${host}:${server.address().port}`;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const provider = new Provider(issuer, {
    clients: [CLIENT],
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'strict-1', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    claims: {
      email: ['email', 'email_verified'],
      profile: ['name'],
    },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false } },
    async findAccount(_ctx, sub) {
      const who = accounts.get(sub);
      if (!who) return undefined;
      return { accountId: sub, claims: async () => ({ sub, ...who }) };
    },
    async renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = page('Sign-in error', `<h1>Sign-in error</h1>${Object.entries(out)
        .map(([k, v]) => `<p><strong>${escape(k)}</strong>: <span id="${escape(k)}">${escape(v)}</span></p>`).join('')}`);
    },
    // The defaults, as numbers (the default functions print a notice each).
    ttl: { AccessToken: 3600, AuthorizationCode: 60, IdToken: 3600, Interaction: 3600, Session: 14 * 86400, Grant: 14 * 86400 },
  });
  // oidc-provider accepts client_secret_post from a client registered for
  // client_secret_basic (it treats the two as one); this provider insists on HTTP Basic.
  if (!allowPost) {
    provider.use(async (ctx, next) => {
      if (ctx.method === 'POST' && ctx.path === '/token' && !/^basic /i.test(ctx.get('authorization'))) {
        ctx.status = 401;
        ctx.set('www-authenticate', 'Basic realm="token"');
        ctx.set('cache-control', 'no-store');
        ctx.body = { error: 'invalid_client', error_description: 'client authentication must use client_secret_basic (HTTP Basic)' };
        return;
      }
      await next();
    });
  }
  const callback = provider.callback();
  server.on('request', (req, res) => {
    const m = /^\/interaction\/([\w-]+)$/.exec(new URL(req.url, issuer).pathname);
    if (!m) return callback(req, res);
    interaction(provider, req, res, m[1]).catch((err) => {
      console.error(err);
      if (!res.headersSent) send(res, 500, page('Error', '<h1>Error</h1>'));
    });
  });
  process.stdout.write(`issuer=${issuer}\n`);
});

// Tests start it with --exit-with-stdin: it stops when the test process (and the pipe) ends.
if (argv.includes('--exit-with-stdin')) {
  process.stdin.on('end', () => process.exit(0));
  process.stdin.on('error', () => process.exit(0));
  process.stdin.resume();
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(0));
