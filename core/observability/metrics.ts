import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

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
  };
}
export type Metrics = ReturnType<typeof createMetrics>;
