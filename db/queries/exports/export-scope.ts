/** Whose rows and from when: every export query filters by the tenant, and by `created_at >= since` when given. */
export interface ExportScope {
  tenantId: string;
  since?: Date;
}
