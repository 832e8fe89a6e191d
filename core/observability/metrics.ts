import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { secondsSinceReceipt, type AlertStage } from '../alerts/alert-timings.ts';
import type { Lane } from '../inbound/job-lane.ts';

/** Fine at the bottom, where the hot path lives (a target of 100 ms), coarse up to a backlog's minutes. */
const SPEED_BUCKETS = [0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.5, 1, 2, 5, 10, 30, 60, 300];

/** One registry per process (tests create their own so figures never leak between them). */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpRequests: new Counter({
      name: 'porchlight_http_requests_total',
      help: 'HTTP requests',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: 'porchlight_http_request_duration_seconds',
      help: 'HTTP request duration',
      labelNames: ['method', 'route'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    jobOutcomes: new Counter({
      name: 'porchlight_job_outcomes_total',
      help: 'Job outcomes by queue',
      labelNames: ['queue', 'outcome'],
      registers: [registry],
    }),
    jobDuration: new Histogram({
      name: 'porchlight_job_duration_seconds',
      help: 'Job handler duration',
      labelNames: ['queue'],
      buckets: [0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30],
      registers: [registry],
    }),
    queueDepth: new Gauge({
      name: 'porchlight_queue_depth',
      help: 'Jobs waiting per queue',
      labelNames: ['queue', 'state'],
      registers: [registry],
    }),
    inboundEvents: new Counter({
      name: 'porchlight_inbound_events_total',
      help: 'Inbound webhook events',
      labelNames: ['provider', 'status'],
      registers: [registry],
    }),
    alertStage: new Histogram({
      name: 'porchlight_alert_stage_seconds',
      help:
        'Seconds from an inbound event reaching us to each stage of the alert it causes (applied, scored, raised, ' +
        'routed, delivered), observed when the stage happens; lane fast or bulk',
      labelNames: ['stage', 'lane'],
      buckets: SPEED_BUCKETS,
      registers: [registry],
    }),
    speedToChat: new Histogram({
      name: 'porchlight_speed_to_chat_seconds',
      help: "Seconds from a lead's message reaching us to the first copy of its alert reaching an agent's chat",
      buckets: SPEED_BUCKETS,
      registers: [registry],
    }),
  };
}
export type Metrics = ReturnType<typeof createMetrics>;

/**
 * Records one stage of the chain from an inbound event to the agent's chat, measured from the event's receipt;
 * nothing without a receipt (an alert no inbound event caused). The delivered stage also counts as speed to chat.
 * @example observeAlertStage(metrics, 'routed', { lane: 'fast', receivedAt, at: clock.now() })
 */
export function observeAlertStage(
  metrics: Pick<Metrics, 'alertStage' | 'speedToChat'> | undefined,
  stage: AlertStage,
  input: { lane: Lane; receivedAt: Date | null | undefined; at: Date },
): void {
  const seconds = secondsSinceReceipt(input.receivedAt, input.at);
  if (!metrics || seconds === undefined) return;
  metrics.alertStage.observe({ stage, lane: input.lane }, seconds);
  if (stage === 'delivered') metrics.speedToChat.observe(seconds);
}
