/**
 * The OAuth scopes the Porchlight Marketplace app asks GHL for: exactly what integrations/ghl calls and the
 * webhook events core/ghl/normalize-ghl-event.ts reads (GHL sends an event only to apps holding its scope), so
 * a location owner sees nothing we do not use. Adding a GHL call or event means adding its scope here, in the
 * marketplace app's settings (docs/setup-ghl.md) and reinstalling: GHL grants only what the install asked for.
 * Scope names and the endpoint → scope mapping are from GHL's API docs (each operation's `security`).
 */
export const GHL_INSTALL_SCOPES = [
  {
    scope: 'contacts.readonly',
    why:
      'GET /contacts/:id, POST /contacts/search, GET /contacts/search/duplicate, contact notes and tasks; ' +
      'Contact*, NoteCreate and Task* events',
  },
  { scope: 'contacts.write', why: 'notes, tags, tasks, contact owner (assignedTo) and DND write-backs' },
  { scope: 'conversations.readonly', why: 'ConversationUnreadUpdate events' },
  { scope: 'conversations/message.readonly', why: 'InboundMessage and OutboundMessage events (texts, calls, email)' },
  { scope: 'conversations/message.write', why: 'POST /conversations/messages (texting leads through GHL)' },
  { scope: 'opportunities.readonly', why: 'GET /opportunities/pipelines; Opportunity* events' },
  { scope: 'opportunities.write', why: 'PUT /opportunities/:id (stage and status write-backs)' },
  { scope: 'calendars/events.readonly', why: 'AppointmentCreate, AppointmentUpdate and AppointmentDelete events' },
  { scope: 'locations.readonly', why: 'GET /locations/:id (the install page names the sub-account it connected)' },
  {
    scope: 'users.readonly',
    why:
      'not called yet: reserved so matching agents to the GHL user ids in assignedTo (GET /users/) ' +
      'never needs every location to reinstall',
  },
] as const;

export type GhlInstallScope = (typeof GHL_INSTALL_SCOPES)[number]['scope'];

/** The `scope` parameter of the install URL: GHL wants the scopes space-separated. */
export const GHL_INSTALL_SCOPE = GHL_INSTALL_SCOPES.map((s) => s.scope).join(' ');
