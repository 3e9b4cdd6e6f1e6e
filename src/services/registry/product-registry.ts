import crypto from 'node:crypto';

import type { Principal } from '../access/principal.ts';
import { VigilError } from '../errors.ts';
import { fieldError, isoDate, oneOf, recordId, requiredText, today } from './field-checks.ts';
import { paging, type RegistryContext } from './registry-context.ts';
import { PRODUCT_CATEGORIES } from './registry-terms.ts';

/** A certified security product (Art. 3 para. 2) as the API shows it. */
export interface ProductView {
  id: string;
  category: string;
  maker: string;
  model: string;
  certificateNo: string;
  validFrom: string;
  validTo: string;
  /** False when today lies outside the certificate's validity. */
  certificateValid: boolean;
}

/** Fields of a new product. */
export interface ProductInput {
  id?: string;
  category?: string;
  maker?: string;
  model?: string;
  certificateNo?: string;
  validFrom?: string;
  validTo?: string;
}

interface ProductRow {
  id: string;
  category: string;
  maker: string;
  model: string;
  certificate_no: string;
  valid_from: string;
  valid_to: string;
}

/** The product as shown on `date` (YYYY-MM-DD): certificate validity is judged on that day. */
export function productView(row: ProductRow, date = today()): ProductView {
  return {
    id: row.id,
    category: row.category,
    maker: row.maker,
    model: row.model,
    certificateNo: row.certificate_no,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    certificateValid: row.valid_from <= date && date <= row.valid_to,
  };
}

/** Checks the fields of a new product. */
export function checkProduct(input: ProductInput): Omit<ProductView, 'certificateValid'> {
  const product = {
    id: input.id ? recordId(input.id) : `PR-${crypto.randomBytes(5).toString('hex')}`,
    category: oneOf(input.category, 'category', PRODUCT_CATEGORIES),
    maker: requiredText(input.maker, 'maker'),
    model: requiredText(input.model, 'model'),
    certificateNo: requiredText(input.certificateNo, 'certificateNo', 64),
    validFrom: isoDate(input.validFrom, 'validFrom'),
    validTo: isoDate(input.validTo, 'validTo'),
  };
  if (product.validTo < product.validFrom) fieldError('validTo', 'before validFrom');
  return product;
}

/**
 * The catalogue of certified products systems are built from. Products belong to no
 * jurisdiction: every user with registry:read sees the whole catalogue.
 */
export class ProductRegistry {
  constructor(private readonly context: RegistryContext) {}

  /** Products, optionally of one category, newest certificate last. */
  async list(
    user: Principal,
    query: { category?: string; limit?: number; offset?: number } = {},
  ): Promise<{ items: ProductView[]; total: number }> {
    this.context.require(user, 'registry:read');
    const where = query.category ? 'WHERE category = ?' : '';
    const params = query.category ? [query.category] : [];
    const { limit, offset } = paging(query);
    const rows = await this.context.driver.all<ProductRow>(
      `SELECT * FROM products ${where} ORDER BY id LIMIT ? OFFSET ?`,
      [...params, limit, offset],
    );
    const count = await this.context.driver.get<{ n: number }>(
      `SELECT COUNT(*) AS n FROM products ${where}`,
      params,
    );
    const date = today();
    return { items: rows.map((row) => productView(row, date)), total: Number(count?.n ?? 0) };
  }

  /** Adds a product to the catalogue. */
  async add(user: Principal, input: ProductInput): Promise<ProductView> {
    const { context } = this;
    context.require(user, 'registry:accept');
    const product = checkProduct(input);
    return context.commit(user, async (tx) => {
      if (await tx.get('SELECT id FROM products WHERE id = ?', [product.id])) {
        throw new VigilError('CONFLICT', `product ${product.id} exists`);
      }
      await tx.run(
        `INSERT INTO products (id, category, maker, model, certificate_no, valid_from, valid_to)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
        [product.id, product.category, product.maker, product.model, product.certificateNo,
          product.validFrom, product.validTo],
      );
      return {
        result: productView({ ...product, certificate_no: product.certificateNo,
          valid_from: product.validFrom, valid_to: product.validTo }),
        audit: { action: 'product.create', targetType: 'product', targetId: product.id,
          detail: { category: product.category, certificateNo: product.certificateNo } },
        event: { kind: 'product', id: product.id, jurisdiction: null, unitId: null },
      };
    });
  }
}
