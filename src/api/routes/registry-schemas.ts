/**
 * JSON schemas of the registry and compliance routes: Fastify validates requests with them and
 * the OpenAPI document at /api/docs is generated from them. Values are checked again, in more
 * detail, by the services.
 */
import { UNIT_CATEGORIES } from '../../services/registry/unit-categories.ts';
import {
  PLACE_KINDS,
  PRODUCT_CATEGORIES,
  REQUIREMENTS,
  SYSTEM_KINDS,
  SYSTEM_STATES,
  VEHICLE_KINDS,
} from '../../services/registry/registry-terms.ts';

const text = { type: 'string', maxLength: 2000 } as const;
const id = { type: 'string', minLength: 1, maxLength: 64 } as const;
const nullableNumber = { type: ['number', 'null'] } as const;
const date = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;

/** `:id` in the path. */
export const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id },
} as const;

/** limit / offset of a paged list. */
export const paging = {
  limit: { type: 'integer', minimum: 1, maximum: 1000 },
  offset: { type: 'integer', minimum: 0 },
} as const;

const contacts = {
  type: 'array',
  maxItems: 20,
  items: {
    type: 'object',
    required: ['name'],
    properties: { name: text, phone: text, role: text },
  },
} as const;

const unitFields = {
  name: text,
  category: { type: 'string', enum: UNIT_CATEGORIES },
  jurisdiction: { type: 'string', maxLength: 32 },
  address: text,
  lat: nullableNumber,
  lon: nullableNumber,
  contacts,
} as const;

/** Query of GET /units. */
export const unitQuery = {
  type: 'object',
  properties: {
    jurisdiction: { type: 'string' },
    category: { type: 'string' },
    q: text,
    ...paging,
  },
} as const;

/** Body of POST /units. */
export const unitCreate = {
  type: 'object',
  required: ['name', 'category', 'jurisdiction'],
  additionalProperties: false,
  properties: { id, ...unitFields },
} as const;

/** Body of PATCH /units/:id: any unit field but the id. */
export const unitPatch = {
  type: 'object',
  additionalProperties: false,
  properties: unitFields,
} as const;

/** Body of POST /units/:id/places. */
export const placeCreate = {
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: { id, name: text, kind: { type: 'string', enum: PLACE_KINDS }, description: text },
} as const;

const systemProducts = {
  type: 'array',
  maxItems: 200,
  items: {
    type: 'object',
    required: ['productId'],
    properties: { productId: id, quantity: { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER } },
  },
} as const;

const systemProperties = {
  state: { type: 'string', enum: SYSTEM_STATES },
  networked: { type: 'boolean' },
  placeId: { type: ['string', 'null'], maxLength: 64 },
  notes: text,
  products: systemProducts,
} as const;

/** Body of POST /units/:id/systems. */
export const systemCreate = {
  type: 'object',
  required: ['kind'],
  additionalProperties: false,
  properties: { id, kind: { type: 'string', enum: SYSTEM_KINDS }, ...systemProperties },
} as const;

/** Body of PATCH /systems/:id. */
export const systemPatch = {
  type: 'object',
  additionalProperties: false,
  properties: systemProperties,
} as const;

/** Query of GET /products. */
export const productQuery = {
  type: 'object',
  properties: { category: { type: 'string' }, ...paging },
} as const;

/** Body of POST /products. */
export const productCreate = {
  type: 'object',
  required: ['category', 'maker', 'model', 'certificateNo', 'validFrom', 'validTo'],
  additionalProperties: false,
  properties: {
    id,
    category: { type: 'string', enum: PRODUCT_CATEGORIES },
    maker: text,
    model: text,
    certificateNo: text,
    validFrom: date,
    validTo: date,
  },
} as const;

/** Query of GET /vehicles. */
export const vehicleQuery = {
  type: 'object',
  properties: { kind: { type: 'string' }, ...paging },
} as const;

/** Body of POST /vehicles. */
export const vehicleCreate = {
  type: 'object',
  required: ['plate', 'kind', 'jurisdiction'],
  additionalProperties: false,
  properties: {
    id,
    plate: { type: 'string', maxLength: 16 },
    kind: { type: 'string', enum: VEHICLE_KINDS },
    ownerUnitId: { type: ['string', 'null'], maxLength: 64 },
    jurisdiction: { type: 'string', maxLength: 32 },
    tracking: { type: 'boolean' },
  },
} as const;

/** Body of PATCH /vehicles/:id: any field of a vehicle but its id. */
const { id: _vehicleId, ...vehicleFields } = vehicleCreate.properties;
export const vehiclePatch = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: vehicleFields,
} as const;

/** Query of GET /designations. */
export const designationQuery = {
  type: 'object',
  properties: { unitId: id },
} as const;

/** Body of POST /designations. */
export const designationCreate = {
  type: 'object',
  required: ['unitId', 'systems', 'reason'],
  additionalProperties: false,
  properties: {
    id,
    unitId: id,
    systems: { type: 'array', minItems: 1, items: { type: 'string', enum: REQUIREMENTS } },
    reason: text,
  },
} as const;

/** Body of POST /designations/:id/approve. */
export const designationApprove = {
  type: 'object',
  required: ['document', 'date'],
  additionalProperties: false,
  properties: { document: { type: 'string', minLength: 1, maxLength: 200 }, date },
} as const;
