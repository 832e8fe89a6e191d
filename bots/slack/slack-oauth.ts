import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  ErrorCode as OAuthErrorCode,
  InstallProvider,
  InvalidStateError,
  LogLevel,
  type CodedError,
  type Installation,
  type Logger as SlackLogger,
  type StateStore,
} from '@slack/oauth';
import { secretKeys } from '../../core/config/load-env.ts';
import { signState, verifyState } from '../../core/crypto/signed-state.ts';
import { AppError, isAppError } from '../../core/errors/app-error.ts';
import { publicUrl, SLACK_BOT_SCOPES, SLACK_REDIRECT_PATH } from '../../core/slack/manifest.ts';
import { createSlackInstallationStore } from '../../db/use-cases/slack/slack-installation-store.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { slackOAuthPage } from './slack-oauth-page.ts';
import { slackApiUrl } from './slack-web.ts';

/** How long a started install may take (Slack's consent screen, a workspace picker, a sign-in). */
const STATE_MAX_AGE_SECONDS = 10 * 60;
const STATE_PURPOSE = 'slack-install';

/** A plain HTTP answer, so the Hono route needs no Node request/response objects. */
export interface OAuthAnswer {
  status: number;
  headers: Record<string, string | string[]>;
  body: string;
}

/** What the route hands in: the path with its query, and the browser's cookies. */
export interface OAuthRequest {
  url: string;
  cookie?: string;
}

const providers = new WeakMap<Runtime, InstallProvider>();

/**
 * `@slack/oauth`'s InstallProvider for this runtime. `state` is our signed state (core/crypto/signed-state) carrying
 * the tenant id, and the provider also sets it in a cookie at `/slack/install` and checks it at the redirect, so a
 * state cannot be replayed from another browser. The install store seals each workspace's bot token.
 */
export function slackInstallProvider(runtime: Runtime): InstallProvider {
  const { SLACK_CLIENT_ID: clientId, SLACK_CLIENT_SECRET: clientSecret } = runtime.env;
  if (!clientId || !clientSecret)
    throw new AppError('not_found', 'Slack install is off: set SLACK_CLIENT_ID and SLACK_CLIENT_SECRET.');
  let provider = providers.get(runtime);
  if (!provider) {
    const secrets = secretKeys(runtime.env);
    provider = new InstallProvider({
      clientId,
      clientSecret,
      stateStore: signedStateStore(runtime),
      installationStore: createSlackInstallationStore(runtime, secrets),
      directInstall: true,
      clientOptions: { slackApiUrl: slackApiUrl(runtime.env) },
      logger: quietLogger(runtime),
    });
    providers.set(runtime, provider);
  }
  return provider;
}

/** `GET /slack/install`: a 302 to Slack's consent screen, with the state cookie. */
export async function startSlackInstall(runtime: Runtime, req: OAuthRequest, tenantId?: string): Promise<OAuthAnswer> {
  const provider = slackInstallProvider(runtime);
  const res = new AnswerRecorder();
  await provider.handleInstallPath(fakeRequest(req), res.asNode(), undefined, {
    scopes: [...SLACK_BOT_SCOPES],
    redirectUri: publicUrl(runtime.env.PUBLIC_BASE_URL, SLACK_REDIRECT_PATH),
    metadata: tenantId,
  });
  return res.answer();
}

/** `GET /slack/oauth_redirect`: check state, exchange the code (`oauth.v2.access`), store, answer a page. */
export async function finishSlackInstall(runtime: Runtime, req: OAuthRequest): Promise<OAuthAnswer> {
  const provider = slackInstallProvider(runtime);
  const res = new AnswerRecorder();
  await provider.handleCallback(fakeRequest(req), res.asNode(), {
    success: (installation: Installation) => {
      runtime.logger.info({ teamId: installation.team?.id }, 'Slack workspace installed');
      const team = installation.team?.name ?? installation.team?.id ?? 'your workspace';
      res.page(
        200,
        slackOAuthPage({ ok: true, title: 'Slack connected', message: `Porchlight is installed in ${team}.` }),
      );
    },
    failure: (error: CodedError) => {
      const { status, message } = explainFailure(error);
      runtime.logger.warn({ code: error.code, status }, `Slack install refused: ${message}`);
      res.page(status, slackOAuthPage({ ok: false, title: 'Slack was not connected', message }));
    },
  });
  return res.answer();
}

function explainFailure(error: CodedError): { status: number; message: string } {
  if (isAppError(error)) return { status: error.status, message: error.message };
  switch (error.code) {
    case OAuthErrorCode.InvalidStateError:
    case OAuthErrorCode.MissingStateError:
      return {
        status: 400,
        message:
          'This install link is invalid, expired, or was started in another browser. Start again from the install link.',
      };
    case OAuthErrorCode.AuthorizationError:
      return { status: 400, message: 'The install was cancelled in Slack. Nothing was connected.' };
    case OAuthErrorCode.MissingCodeError:
      return { status: 400, message: 'Slack sent no authorization code. Start again from the install link.' };
  }
  const slackError = (error as { data?: { error?: string } }).data?.error;
  return {
    status: 502,
    message: slackError
      ? `Slack refused the install (${slackError}). Nothing was stored.`
      : 'Slack could not be reached.',
  };
}

function signedStateStore(runtime: Runtime): StateStore {
  const secrets = secretKeys(runtime.env);
  return {
    // The library passes its own `new Date()`; ours is the runtime clock, so tests and tokens agree.
    async generateStateParam(installOptions) {
      const tenantId = typeof installOptions.metadata === 'string' ? installOptions.metadata : null;
      const nonce = randomBytes(12).toString('base64url');
      return signState(secrets, { purpose: STATE_PURPOSE, tenantId, nonce }, runtime.clock.now());
    },
    async verifyStateParam(_now, state) {
      const verified = verifyState(secrets, state, runtime.clock.now(), STATE_MAX_AGE_SECONDS);
      if (!verified.ok) throw new InvalidStateError(verified.message);
      const { purpose, tenantId } = verified.payload;
      if (purpose !== STATE_PURPOSE) throw new InvalidStateError('The state was issued for something else.');
      return {
        scopes: [...SLACK_BOT_SCOPES],
        redirectUri: publicUrl(runtime.env.PUBLIC_BASE_URL, SLACK_REDIRECT_PATH),
        metadata: typeof tenantId === 'string' ? tenantId : undefined,
      };
    },
  };
}

function fakeRequest(req: OAuthRequest): IncomingMessage {
  // The provider reads only `url` (query) and `headers.cookie`/`headers.host`.
  return { url: req.url, headers: { host: 'porchlight', cookie: req.cookie } } as unknown as IncomingMessage;
}

/** The few ServerResponse methods InstallProvider calls, recorded into an OAuthAnswer. */
class AnswerRecorder {
  private status = 200;
  private body = '';
  private readonly headers: Record<string, string | string[]> = {};

  asNode(): ServerResponse {
    const self = this;
    return {
      setHeader(name: string, value: string | string[]) {
        self.headers[name.toLowerCase()] = value;
      },
      getHeader(name: string) {
        return self.headers[name.toLowerCase()];
      },
      writeHead(status: number, headers?: Record<string, string>) {
        self.status = status;
        for (const [k, v] of Object.entries(headers ?? {})) self.headers[k.toLowerCase()] = v;
      },
      end(body?: string) {
        if (body) self.body = body;
      },
    } as unknown as ServerResponse;
  }

  page(status: number, html: string): void {
    this.status = status;
    this.headers['content-type'] = 'text/html; charset=utf-8';
    this.body = html;
  }

  answer(): OAuthAnswer {
    return { status: this.status, headers: this.headers, body: this.body };
  }
}

/** The library's own log lines go to ours at debug level; failures are logged by `finishSlackInstall`. */
function quietLogger(runtime: Runtime): SlackLogger {
  const debug = (...msg: unknown[]) => runtime.logger.debug({ component: 'slack-oauth' }, msg.map(String).join(' '));
  return {
    debug,
    info: debug,
    warn: debug,
    error: debug,
    setLevel: () => {},
    getLevel: () => LogLevel.DEBUG,
    setName: () => {},
  };
}
