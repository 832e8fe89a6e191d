import type { AlertKind, AlertPriority } from '../alerts/alert-types.ts';
import type { WorkingHours } from '../alerts/working-hours.ts';
import type { RoutingStrategy } from './routing-rule.ts';

/** What is being routed: the alert plus the lead and listing fields rules may test. */
export interface RoutingInput {
  kind: AlertKind;
  priority: AlertPriority;
  lead: {
    id: string;
    city?: string | null;
    postalCode?: string | null;
    /** Areas the lead is searching in (cities or postal codes). */
    areas?: string[];
    source?: string | null;
    language?: string | null;
    tags?: string[];
    score?: number | null;
    budgetMax?: number | null;
  };
  /** RESO field names, as in `core/` listings. */
  listing?: {
    listingKey: string;
    City?: string | null;
    PostalCode?: string | null;
    ListPrice?: number | null;
    PropertyType?: string | null;
  } | null;
}

/** The `agents` columns routing reads. */
export interface RoutingAgent {
  id: string;
  name: string;
  role: 'agent' | 'manager' | 'admin';
  areas: string[];
  skills: string[];
  languages: string[];
  timezone: string;
  workingHours: WorkingHours | null;
  paused: boolean;
  vacationUntil: Date | null;
  maxOpenAlerts: number | null;
  weight: number;
  active: boolean;
}

/**
 * What routing remembers between calls. The caller loads it, and saves the returned copy in the
 * same transaction as the alert, under a row lock, so two workers never spend the same turn.
 */
export interface RoutingState {
  /** Open (not closed) alerts held per agent. */
  openAlerts: Record<string, number>;
  /** Smooth weighted round-robin credit per rule (or fall-through) and agent. */
  roundRobin: Record<string, Record<string, number>>;
}

export type SkipReason =
  | 'inactive'
  | 'paused'
  | 'on_vacation'
  | 'outside_working_hours'
  | 'at_cap'
  | 'outside_territory'
  | 'missing_skill'
  | 'language'
  | 'not_a_manager'
  | 'unknown_agent';

export interface SkippedAgent {
  agentId: string;
  reason: SkipReason;
  detail?: string;
}

/** A step taken when a first-to-claim offer times out, in order. */
export type FallthroughStep =
  | { strategy: 'first_to_claim'; agentIds: string[]; claimTimeoutMinutes: number }
  | { strategy: 'round_robin'; agentIds: string[] }
  | { strategy: 'manager' };

export type RouteDecision =
  | { kind: 'assign'; agentId: string }
  | { kind: 'offer'; agentIds: string[]; expiresAt: Date; fallthrough: FallthroughStep[] }
  /** Nobody could take it: the alert stays open and the escalation ladder reaches the managers. */
  | { kind: 'unassigned' };

/** Stored in `alerts.routing` and shown by the bots. */
export interface RouteExplanation {
  ruleId: string;
  ruleName: string;
  strategy: RoutingStrategy;
  skipped: SkippedAgent[];
  steps: string[];
}

export interface RouteResult {
  decision: RouteDecision;
  explanation: RouteExplanation;
  /** The state to save: round-robin credit moved, the assignee's open count +1. */
  state: RoutingState;
}
