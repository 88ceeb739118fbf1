import { loginRedirect } from './login-redirect.js';
import { checkTable, VERCEL_LOGIN } from '../test-helpers.js';

const html = { 'content-type': 'text/html; charset=utf-8' };

checkTable(loginRedirect, 'status.login-redirect', {
  finds: [
    {
      name: 'gw-11: a 302 to a login host',
      before: [
        {
          status: 302,
          headers: { location: 'https://team.cloudflareaccess.com/cdn-cgi/access/login' },
        },
      ],
      reply: { status: 200, headers: html, body: '<html>Sign in</html>' },
    },
    {
      name: 'a 200 HTML page with a password field, at an API URL asked for JSON',
      headers: [['Accept', 'application/json']],
      reply: {
        status: 200,
        headers: html,
        body: '<!doctype html><html><head><title>Acme</title></head><body><form method="post" action="/session"><input name="login"><input type="password" name="password"><button>Continue</button></form></body></html>',
      },
      evidence: [
        /200 with an HTML sign-in form at https:\/\/api\.example\.test\/v1\/items/,
        /asked for application\/json/,
      ],
      data: { loginHost: 'api.example.test' },
    },
    {
      name: 'a 200 "Sign in" form without a password field (email first)',
      reply: {
        status: 200,
        headers: html,
        body: '<html><head><title>Sign in</title></head><body><form method="post"><input name="email"></form></body></html>',
      },
    },
    {
      name: 'issue 14: Traefik forward-auth: a 302 to an Authelia portal at another origin with rd= (the return address), the portal answering 200',
      before: [
        {
          status: 302,
          headers: {
            location:
              'https://portal.example.test/?rd=https%3A%2F%2Fapp.example.com%2Fapi%2Fstatus&rm=GET',
          },
        },
      ],
      reply: {
        status: 200,
        headers: html,
        body: '<!DOCTYPE html><html><head><title>Login - Authelia</title></head><body><div id="root"></div></body></html>',
      },
      data: { status: 302, loginHost: 'portal.example.test' },
    },
    {
      name: 'issue 14: a 302 to another origin with return_to=/api/x, on a path and host that name no login',
      before: [
        {
          status: 302,
          headers: {
            location: 'https://portal.corp.test/start?return_to=%2Fapi%2Fx',
          },
        },
      ],
      reply: { status: 200, headers: html, body: '<html><body>Welcome</body></html>' },
    },
    {
      name: "issue 14: a 401 sign-in page of a hosting platform's protection (Vercel)",
      reply: VERCEL_LOGIN,
      data: { status: 401, loginHost: 'api.example.test' },
    },
  ],
  ok: [
    {
      name: 'a 302 to another origin with a next= that is no address (a page number)',
      before: [{ status: 302, headers: { location: 'https://cdn.example.test/items?next=2' } }],
      reply: { status: 200, body: { data: [] } },
    },
    {
      name: 'a 302 on the same origin with ?next=/v1/items (the API paginating), answered in JSON',
      before: [{ status: 302, headers: { location: '/v2/items?next=/v1/items' } }],
      reply: { status: 200, body: { data: [] } },
    },
    { name: 'a 401 JSON refusal', reply: { status: 401, body: { error: 'Unauthorized' } } },
    { name: 'a 200 JSON answer', reply: { status: 200, body: { data: [] } } },
    {
      name: 'a 200 HTML page without a form',
      reply: {
        status: 200,
        headers: html,
        body: '<html><body><h1>Log in to see more</h1></body></html>',
      },
    },
    {
      name: 'a 302 elsewhere',
      before: [{ status: 302, headers: { location: '/v2/items' } }],
      reply: { status: 200, body: { data: [] } },
    },
  ],
});
