/**
 * Indexes for the registry's list filters and scope checks: units by category, vehicles by
 * jurisdiction and owner, systems by product (which systems use a product whose certificate
 * expired), organisations by jurisdiction.
 */
export const name = 'registry';

/** Shared by both databases. */
export const sql = `
CREATE INDEX units_category ON units(category);
CREATE INDEX vehicles_jurisdiction ON vehicles(jurisdiction);
CREATE INDEX vehicles_owner ON vehicles(owner_unit_id);
CREATE INDEX system_products_product ON system_products(product_id);
CREATE INDEX organisations_jurisdiction ON organisations(jurisdiction);
`;
