/**
 * The seller's catalog: products with their facts in English and Chinese, as read from
 * data/catalog/*.json or imported from a listings report (see import.ts). Validated with zod so a
 * bad product is named at start-up instead of answering buyers with a wrong fact.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Lang } from '../../domain/lang.js';

export const CURRENCIES = ['USD', 'GBP', 'EUR', 'CNY'] as const;
export type Currency = (typeof CURRENCIES)[number];

/** Text per language; either may be missing (an import may only have one). */
const textSchema = z.object({ en: z.string().min(1).optional(), zh: z.string().min(1).optional() }).refine((t) => t.en !== undefined || t.zh !== undefined, 'needs en or zh text');
const listSchema = z.object({ en: z.array(z.string().min(1)).optional(), zh: z.array(z.string().min(1)).optional() });
/** Prices in major units per currency (39.99 USD). */
const priceSchema = z.partialRecord(z.enum(CURRENCIES), z.number().nonnegative());

export const VariantSchema = z.object({
  sku: z.string().min(1),
  /** Option name (colour, size, …) → its value per language. */
  options: z.record(z.string(), textSchema),
  stock: z.number().int().nonnegative(),
  price: priceSchema.optional(),
});

export const ProductSchema = z.object({
  id: z.string().min(1),
  listingId: z.string().optional(),
  category: textSchema.optional(),
  title: textSchema,
  keywords: listSchema.optional(),
  description: textSchema.optional(),
  price: priceSchema,
  variants: z.array(VariantSchema).min(1),
  dimensionsCm: z.object({ length: z.number().positive(), width: z.number().positive(), height: z.number().positive() }).optional(),
  weightG: z.number().positive().optional(),
  materials: textSchema.optional(),
  inTheBox: listSchema.optional(),
  compatibility: textSchema.optional(),
  care: textSchema.optional(),
  warranty: textSchema.optional(),
  attributes: z.array(z.object({ name: textSchema, value: textSchema })).default([]),
});

export type LangText = z.infer<typeof textSchema>;
export type Variant = z.infer<typeof VariantSchema>;
export type Product = z.infer<typeof ProductSchema>;
export type Prices = z.infer<typeof priceSchema>;

export interface CatalogProblem {
  /** Index of the product in the file (0-based) and its id when readable. */
  index: number;
  id?: string;
  reason: string;
}

/** Text in `lang`, falling back to the other language (a product imported in one language only). */
export function textIn(t: LangText | undefined, lang: Lang): string | undefined {
  if (!t) return undefined;
  return t[lang] ?? t[lang === 'en' ? 'zh' : 'en'];
}

export function listIn(t: { en?: string[]; zh?: string[] } | undefined, lang: Lang): string[] {
  if (!t) return [];
  return t[lang] ?? t[lang === 'en' ? 'zh' : 'en'] ?? [];
}

/**
 * Validates every product on its own: bad ones are reported (index, id, what is wrong) and left
 * out, good ones kept. Duplicate ids and SKUs are problems too.
 */
export function validateCatalog(data: unknown): { products: Product[]; problems: CatalogProblem[] } {
  const list = typeof data === 'object' && data !== null && 'products' in data ? (data as { products: unknown }).products : data;
  if (!Array.isArray(list)) return { products: [], problems: [{ index: -1, reason: 'expected { "products": [...] } or an array of products' }] };
  const products: Product[] = [];
  const problems: CatalogProblem[] = [];
  const skus = new Set<string>();
  const ids = new Set<string>();
  list.forEach((raw: unknown, index) => {
    const parsed = ProductSchema.safeParse(raw);
    const rawId = typeof raw === 'object' && raw !== null && 'id' in raw && typeof raw.id === 'string' ? raw.id : undefined;
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      problems.push({ index, ...(rawId ? { id: rawId } : {}), reason: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}` });
      return;
    }
    const p = parsed.data;
    const dupSku = p.variants.find((v) => skus.has(v.sku));
    if (ids.has(p.id) || dupSku) {
      problems.push({ index, id: p.id, reason: dupSku ? `duplicate SKU ${dupSku.sku}` : `duplicate product id ${p.id}` });
      return;
    }
    ids.add(p.id);
    for (const v of p.variants) skus.add(v.sku);
    products.push(p);
  });
  return { products, problems };
}

export function loadCatalogFile(file: string): { products: Product[]; problems: CatalogProblem[] } {
  return validateCatalog(JSON.parse(readFileSync(file, 'utf8')));
}
