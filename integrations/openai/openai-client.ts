import type OpenAI from 'openai';
import { ZodError, type z } from 'zod';
import { extractCriteriaFallback } from '../../core/intent/extract-criteria-fallback.ts';
import { extractIntentFallback } from '../../core/intent/extract-intent-fallback.ts';
import { extractFactsFallback } from '../../core/intent/extract-facts-fallback.ts';
import type { LeadFact } from '../../core/intent/lead-fact.ts';
import type { ExtractedCriteria } from '../../core/intent/extracted-criteria.ts';
import type { LeadIntent } from '../../core/intent/lead-intent.ts';
import type { Logger } from '../../core/observability/logger.ts';
import type { AiFailure, AiResult } from './ai-result.ts';
import { CriteriaWire, IntentWire, criteriaFromWire, intentFromWire } from './ai-wire-schemas.ts';
import { FactsWire, factsFromWire } from './facts-wire.ts';
import { LeadBriefText, writeLeadBriefFallback, type LeadBriefInput } from './lead-brief.ts';
import { loadPrompt, type PromptName } from './load-prompt.ts';

export interface OpenAiClientOptions {
  /** Tenant opt-in. Off means no lead text leaves the process: every call uses its fallback. */
  enabled: boolean;
  apiKey?: string;
  /** OPENAI_BASE_URL: a fake provider on loopback can stand in. */
  baseURL?: string;
  model: string;
  /** Hard ceiling for one helper call, retry included. */
  timeoutMs?: number;
  promptsDir?: string;
  logger?: Logger;
}

class RefusedError extends Error {}
class DeadlineError extends Error {}

/** The SDK and its zod helper, imported on a tenant's first AI call rather than with the app. */
interface OpenAiSdk {
  module: typeof import('openai');
  zodResponseFormat: typeof import('openai/helpers/zod').zodResponseFormat;
  client: OpenAI;
}

/**
 * AI helpers for lead intelligence on the official SDK. No call throws and none can outlast
 * `timeoutMs`: ingest and delivery may await them without risk.
 *
 * @example
 * const ai = new OpenAiClient({ enabled: tenant.aiEnabled, apiKey: env.OPENAI_API_KEY, model: env.OPENAI_MODEL });
 * const { value, source } = await ai.extractIntent('Can we see it Saturday?'); // value.intent === 'wants_showing'
 */
export class OpenAiClient {
  private sdk: Promise<OpenAiSdk> | undefined;
  private readonly options: OpenAiClientOptions;
  private readonly timeoutMs: number;

  constructor(options: OpenAiClientOptions) {
    this.options = options;
    this.timeoutMs = options.timeoutMs ?? 8_000;
  }

  private loadSdk(apiKey: string): Promise<OpenAiSdk> {
    this.sdk ??= Promise.all([import('openai'), import('openai/helpers/zod')]).then(([module, helpers]) => ({
      module,
      zodResponseFormat: helpers.zodResponseFormat,
      // One retry covers a dropped connection or a 5xx blip; more would pile load onto an outage.
      client: new module.default({ apiKey, baseURL: this.options.baseURL, timeout: this.timeoutMs, maxRetries: 1 }),
    }));
    return this.sdk;
  }

  extractCriteria(text: string): Promise<AiResult<ExtractedCriteria>> {
    return this.attempt(
      'extract-criteria',
      () => extractCriteriaFallback(text),
      async (sdk, signal) => {
        const wire = await this.structured(sdk, 'extract-criteria', text, CriteriaWire, 'extracted_criteria', signal);
        return criteriaFromWire(wire);
      },
    );
  }

  extractIntent(text: string): Promise<AiResult<LeadIntent>> {
    return this.attempt(
      'extract-intent',
      () => extractIntentFallback(text),
      async (sdk, signal) => {
        const wire = await this.structured(sdk, 'extract-intent', text, IntentWire, 'lead_intent', signal);
        return intentFromWire(wire);
      },
    );
  }

  /** The facts one message states; `now` tells the model what "in the spring" is counted from. */
  extractFacts(text: string, now: Date): Promise<AiResult<LeadFact[]>> {
    return this.attempt(
      'extract-facts',
      () => extractFactsFallback(text, now),
      async (sdk, signal) => {
        const dated = `Today is ${now.toISOString().slice(0, 10)}.\n\n${text}`;
        return factsFromWire(await this.structured(sdk, 'extract-facts', dated, FactsWire, 'lead_facts', signal));
      },
    );
  }

  writeLeadBrief(lead: LeadBriefInput): Promise<AiResult<string>> {
    return this.attempt(
      'lead-brief',
      () => writeLeadBriefFallback(lead),
      async (sdk, signal) => {
        const completion = await sdk.client.chat.completions.create(
          { model: this.options.model, messages: this.messages('lead-brief', JSON.stringify(lead)) },
          { signal },
        );
        const message = completion.choices[0]?.message;
        if (message?.refusal) throw new RefusedError();
        return LeadBriefText.parse(message?.content ?? '');
      },
    );
  }

  private messages(prompt: PromptName, user: string) {
    return [
      { role: 'system' as const, content: loadPrompt(prompt, this.options.promptsDir) },
      { role: 'user' as const, content: user },
    ];
  }

  /** The SDK parses the content with the wire schema; a malformed answer throws a ZodError here. */
  private async structured<S extends z.ZodType>(
    sdk: OpenAiSdk,
    prompt: PromptName,
    text: string,
    schema: S,
    name: string,
    signal: AbortSignal,
  ): Promise<z.infer<S>> {
    const completion = await sdk.client.chat.completions.parse(
      {
        model: this.options.model,
        messages: this.messages(prompt, text),
        response_format: sdk.zodResponseFormat(schema, name),
      },
      { signal },
    );
    const message = completion.choices[0]?.message;
    if (message?.refusal || message?.parsed == null) throw new RefusedError();
    return message.parsed as z.infer<S>;
  }

  private async attempt<T>(
    op: string,
    fallback: () => T,
    call: (sdk: OpenAiSdk, signal: AbortSignal) => Promise<T>,
  ): Promise<AiResult<T>> {
    if (!this.options.enabled) return { value: fallback(), source: 'fallback', error: 'disabled' };
    const { apiKey } = this.options;
    if (!apiKey) return { value: fallback(), source: 'fallback', error: 'not_configured' };
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    // The signal stops the HTTP request; the race is the guarantee. Some SDK steps (cancelling an
    // error body before its retry) do not watch the signal, and a hung stream must not hold ingest.
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new DeadlineError());
      }, this.timeoutMs);
    });
    let sdk: OpenAiSdk | undefined;
    try {
      const answer = this.loadSdk(apiKey).then((loaded) => call((sdk = loaded), controller.signal));
      return { value: await Promise.race([answer, deadline]), source: 'ai' };
    } catch (e) {
      const error = classify(e, controller.signal, sdk?.module);
      // The reason only: error messages can quote the model's output, which quotes the lead.
      this.options.logger?.warn({ op, error }, 'AI helper fell back to rules');
      return { value: fallback(), source: 'fallback', error };
    } finally {
      clearTimeout(timer);
    }
  }
}

function classify(e: unknown, signal: AbortSignal, sdk: OpenAiSdk['module'] | undefined): AiFailure {
  if (e instanceof DeadlineError || signal.aborted) return 'timeout';
  if (e instanceof ZodError || e instanceof SyntaxError) return 'invalid_output';
  if (e instanceof RefusedError) return 'refused';
  if (!sdk) return 'unexpected';
  const { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError, OpenAIError, RateLimitError } =
    sdk;
  if (e instanceof APIConnectionTimeoutError) return 'timeout';
  if (e instanceof RateLimitError) return 'rate_limited';
  if (e instanceof APIUserAbortError) return 'timeout';
  if (e instanceof APIConnectionError) return 'connection_error';
  if (e instanceof APIError) return 'provider_error';
  // What remains of the SDK's own errors are answers cut short (length, content filter) or unparseable.
  if (e instanceof OpenAIError) return 'invalid_output';
  return 'unexpected';
}
