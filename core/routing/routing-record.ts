import type { PlannedDelivery } from '../alerts/planned-delivery.ts';
import type { FallthroughStep, RouteResult } from './routing-types.ts';

/** What `alerts.routing` holds: the latest decision and its explanation, plus every step so far. */
export interface RoutingRecord {
  decision: RouteResult['decision'];
  explanation: RouteResult['explanation'];
  /** An open first-to-claim offer; its timeout runs `alert.route` again to fall through. */
  offer?: { ruleId: string; ruleName: string; agentIds: string[]; expiresAt: string; fallthrough: FallthroughStep[] };
  history: Array<{
    at: string;
    stage: 'route' | 'fallthrough';
    decision: RouteResult['decision'];
    explanation: RouteResult['explanation'];
    deliveries: PlannedDelivery[];
  }>;
}
