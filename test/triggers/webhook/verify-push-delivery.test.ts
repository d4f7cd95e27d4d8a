// Push webhooks from the three forges, with real HMAC signatures.
import { describe, expect, it } from 'vitest';
import type { PushProvider } from '../../../src/triggers/webhook/push-delivery.js';
import { verifyPushDelivery } from '../../../src/triggers/webhook/verify-push-delivery.js';
import { AFTER, AUTH_HEADER, BEFORE, bodyFor, SECRET, signedHeaders, ZEROS } from '../../http/push-fixtures.js';

const config = { secret: SECRET };
const providers: PushProvider[] = ['github', 'gitlab', 'gitea'];

function verify(provider: PushProvider, body: string, headers = signedHeaders(provider, body)) {
  return verifyPushDelivery(config, headers, Buffer.from(body));
}

describe.each(providers)('a %s push delivery', (provider) => {
  it('is accepted with the branch, both commits, the repository and the delivery id', () => {
    const outcome = verify(provider, bodyFor(provider));
    expect(outcome).toEqual({
      ok: true,
      push: {
        provider,
        deliveryId: 'f6266f16-1bf3-46a5-9ea4-602e06ead473',
        repository: provider === 'gitlab'
          ? { fullName: 'acme/group/app', cloneUrls: ['https://gitlab.example.com/acme/group/app.git', 'git@gitlab.example.com:acme/group/app.git'] }
          : { fullName: 'acme/app', cloneUrls: ['https://github.com/acme/app.git', 'git@github.com:acme/app.git'] },
        branch: 'main',
        before: BEFORE,
        after: AFTER,
        commits: 1,
      },
    });
  });

  it('signed with another secret is refused with 401', () => {
    const body = bodyFor(provider);
    const outcome = verify(provider, body, signedHeaders(provider, body, { secret: 'not-the-secret' }));
    expect(outcome).toMatchObject({ ok: false, status: 401 });
  });

  // GitLab signs nothing: its token does not cover the body, so only GitHub and Gitea can detect an altered body.
  it(provider === 'gitlab' ? 'with an altered body is still accepted: the GitLab token does not cover the body' : 'whose body was altered after signing is refused with 401', () => {
    const headers = signedHeaders(provider, bodyFor(provider));
    const outcome = verify(provider, bodyFor(provider, { after: BEFORE }), headers);
    if (provider === 'gitlab') expect(outcome).toMatchObject({ ok: true, push: { after: BEFORE } });
    else expect(outcome).toMatchObject({ ok: false, status: 401 });
  });

  it('without its signature header is refused with 401, naming the header', () => {
    const body = bodyFor(provider);
    const headers = signedHeaders(provider, body);
    delete headers[AUTH_HEADER[provider]];
    const outcome = verify(provider, body, headers);
    expect(outcome).toMatchObject({ ok: false, status: 401 });
    expect(outcome.ok === false && outcome.reason).toContain(AUTH_HEADER[provider]);
  });

  it('that is not JSON, though validly signed, is refused with 400', () => {
    const body = '{"ref": "refs/heads/main", ';
    expect(verify(provider, body)).toMatchObject({ ok: false, status: 400 });
  });

  it('that is JSON but not a push, though validly signed, is refused with 400 naming the field', () => {
    const body = JSON.stringify({ ref: 'refs/heads/main', before: BEFORE, after: AFTER });
    const outcome = verify(provider, body);
    expect(outcome).toMatchObject({ ok: false, status: 400 });
    expect(outcome.ok === false && outcome.reason).toMatch(provider === 'gitlab' ? /project/ : /repository/);
  });

  it('of a tag is acknowledged with 202 and ignored', () => {
    const body = bodyFor(provider, { ref: 'refs/tags/v1.0.0' });
    const headers = signedHeaders(provider, body, provider === 'gitlab' ? { event: 'Tag Push Hook' } : {});
    const outcome = verify(provider, body, headers);
    expect(outcome).toMatchObject({ ok: false, status: 202 });
  });

  it('that deletes a branch is acknowledged with 202 and ignored', () => {
    const outcome = verify(provider, bodyFor(provider, { ref: 'refs/heads/old', after: ZEROS }));
    expect(outcome).toEqual({ ok: false, status: 202, reason: 'ignored deletion of branch old' });
  });
});

describe('webhook deliveries that are not pushes', () => {
  it('a GitHub ping is acknowledged with 202', () => {
    const body = JSON.stringify({ zen: 'Keep it logically awesome.', hook_id: 1 });
    expect(verify('github', body, signedHeaders('github', body, { event: 'ping' }))).toEqual({ ok: false, status: 202, reason: 'ping received: the webhook is set up' });
  });

  it('an unsigned ping is still refused: nothing is answered before authentication', () => {
    const body = JSON.stringify({ zen: 'x' });
    const headers = signedHeaders('github', body, { event: 'ping' });
    delete headers['x-hub-signature-256'];
    expect(verify('github', body, headers)).toMatchObject({ ok: false, status: 401 });
  });

  it('a request from no known forge is refused with 401', () => {
    expect(verifyPushDelivery(config, { 'content-type': 'application/json' }, Buffer.from(bodyFor('github')))).toMatchObject({ ok: false, status: 401 });
  });

  it('a delivery without a delivery id gets one from its body, the same for a redelivery', () => {
    const body = bodyFor('gitlab');
    const headers = signedHeaders('gitlab', body);
    delete headers['x-gitlab-event-uuid'];
    const first = verify('gitlab', body, headers);
    const again = verify('gitlab', body, { ...headers });
    expect(first.ok && first.push.deliveryId).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(again.ok && again.push.deliveryId).toBe(first.ok && first.push.deliveryId);
  });

  it('with a provider configured, another forge\'s delivery is refused', () => {
    const body = bodyFor('github');
    const outcome = verifyPushDelivery({ secret: SECRET, provider: 'gitlab' }, signedHeaders('github', body), Buffer.from(body));
    expect(outcome).toMatchObject({ ok: false, status: 401 });
  });
});
