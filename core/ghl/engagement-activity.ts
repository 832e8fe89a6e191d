import type { CrmEngagement } from './crm-event.ts';

/** Listing kinds scoring reads; the other three only keep the engagement on the lead's timeline. */
export type EngagementActivityKind =
  | 'listing_view'
  | 'listing_save'
  | 'showing_request'
  | 'page_visit'
  | 'form_submission'
  | 'link_click';

const SHOWING_FORM = /showing|tour|visit/i;
const BY_ACTION = { view: 'listing_view', save: 'listing_save', showing_request: 'showing_request' } as const;
const WITHOUT_LISTING = {
  page_visit: 'page_visit',
  form_submission: 'form_submission',
  trigger_link: 'link_click',
} as const satisfies Record<CrmEngagement['kind'], EngagementActivityKind>;

/**
 * The activity a CRM engagement becomes, given the listing it was about (if any). With a listing, an explicit
 * `action` says what the lead did; otherwise opening a page or a link is a view and a form is a showing request
 * when its name says so (a "Book a tour" form). A form that says nothing more stays a form submission.
 * @example engagementActivityKind({ kind: 'trigger_link', ... }, 'ATX-1') // 'listing_view'
 */
export function engagementActivityKind(e: CrmEngagement, listingKey: string | null): EngagementActivityKind {
  if (!listingKey) return WITHOUT_LISTING[e.kind];
  if (e.action) return BY_ACTION[e.action];
  if (e.kind !== 'form_submission') return 'listing_view';
  return SHOWING_FORM.test(e.formName ?? '') ? 'showing_request' : 'form_submission';
}
