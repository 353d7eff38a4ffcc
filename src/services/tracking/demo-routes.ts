/**
 * Where a demo parcel travels. Real carrier networks route through a few big sort hubs and, for
 * cross-border parcels, an export and an import gateway; the demo timeline uses the same shape so
 * agents and the bot see something that reads like a real carrier page.
 */
import type { Address } from '../../domain/order.js';

/** A carrier facility, written "City, Region, CC" (English) or "国家省市" (Chinese) in tracking events (demo-place-names). */
export interface Place {
  city: string;
  region?: string;
  countryCode: string;
}

interface CountryNetwork {
  /** Marketplace fulfilment centre that ships marketplace-fulfilled orders in this country. */
  fulfilmentCentre: Place;
  /** International gateway: exports leave and imports clear customs here. */
  gateway: Place;
  /** Domestic sort hubs; one is picked per tracking number. */
  hubs: Place[];
}

const NETWORKS: Record<string, CountryNetwork> = {
  US: {
    fulfilmentCentre: { city: 'Phoenix', region: 'AZ', countryCode: 'US' },
    gateway: { city: 'Los Angeles', region: 'CA', countryCode: 'US' },
    hubs: [
      { city: 'Louisville', region: 'KY', countryCode: 'US' },
      { city: 'Memphis', region: 'TN', countryCode: 'US' },
      { city: 'Indianapolis', region: 'IN', countryCode: 'US' },
    ],
  },
  CA: {
    fulfilmentCentre: { city: 'Brampton', region: 'ON', countryCode: 'CA' },
    gateway: { city: 'Vancouver', region: 'BC', countryCode: 'CA' },
    hubs: [
      { city: 'Mississauga', region: 'ON', countryCode: 'CA' },
      { city: 'Calgary', region: 'AB', countryCode: 'CA' },
    ],
  },
  GB: {
    fulfilmentCentre: { city: 'Peterborough', countryCode: 'GB' },
    gateway: { city: 'London Heathrow', countryCode: 'GB' },
    hubs: [
      { city: 'Coventry', countryCode: 'GB' },
      { city: 'Warrington', countryCode: 'GB' },
    ],
  },
  DE: {
    fulfilmentCentre: { city: 'Leipzig', countryCode: 'DE' },
    gateway: { city: 'Frankfurt am Main', countryCode: 'DE' },
    hubs: [
      { city: 'Hannover', countryCode: 'DE' },
      { city: 'Nürnberg', countryCode: 'DE' },
    ],
  },
  FR: {
    fulfilmentCentre: { city: 'Lauwin-Planque', countryCode: 'FR' },
    gateway: { city: 'Roissy-en-France', countryCode: 'FR' },
    hubs: [
      { city: 'Lyon', countryCode: 'FR' },
      { city: 'Chilly-Mazarin', countryCode: 'FR' },
    ],
  },
  JP: {
    fulfilmentCentre: { city: 'Ichikawa', region: 'Chiba', countryCode: 'JP' },
    gateway: { city: 'Narita', region: 'Chiba', countryCode: 'JP' },
    hubs: [
      { city: 'Atsugi', region: 'Kanagawa', countryCode: 'JP' },
      { city: 'Osaka', region: 'Osaka', countryCode: 'JP' },
    ],
  },
  CN: {
    fulfilmentCentre: { city: 'Shenzhen', region: 'Guangdong', countryCode: 'CN' },
    gateway: { city: 'Shenzhen Bao’an', region: 'Guangdong', countryCode: 'CN' },
    hubs: [
      { city: 'Guangzhou', region: 'Guangdong', countryCode: 'CN' },
      { city: 'Shanghai', countryCode: 'CN' },
    ],
  },
  AU: {
    fulfilmentCentre: { city: 'Dandenong South', region: 'VIC', countryCode: 'AU' },
    gateway: { city: 'Sydney', region: 'NSW', countryCode: 'AU' },
    hubs: [{ city: 'Melbourne', region: 'VIC', countryCode: 'AU' }],
  },
};

/** Countries without a table entry still get a plausible route: their capital-less "gateway". */
function networkFor(countryCode: string): CountryNetwork {
  const known = NETWORKS[countryCode];
  if (known) return known;
  const place: Place = { city: 'International Gateway', countryCode };
  return { fulfilmentCentre: place, gateway: place, hubs: [place] };
}

/** The stops a parcel makes, in order, with the customs leg present only for cross-border routes. */
export interface Route {
  origin: Place;
  /** Sort hubs before customs (cross-border: the origin country's export gateway). */
  outboundHubs: Place[];
  /** Import gateway where customs clears the parcel; absent for domestic routes. */
  customs?: Place;
  /** Sort hubs in the destination country after customs. */
  inboundHubs: Place[];
  destination: Place;
}

/**
 * Builds the route for one parcel. `pick` chooses among equivalent hubs so two parcels on the same
 * lane don't look identical, while one tracking number always gets the same route.
 */
export function planRoute(origin: Place, to: Address, pick: (n: number) => number): Route {
  const destination: Place = { city: to.city, countryCode: to.countryCode.toUpperCase() };
  if (to.region !== undefined && to.region !== '') destination.region = to.region;
  const dest = networkFor(destination.countryCode);
  const hub = dest.hubs[pick(dest.hubs.length)] ?? dest.gateway;
  if (origin.countryCode === destination.countryCode) {
    return { origin, outboundHubs: [hub], inboundHubs: [], destination };
  }
  const from = networkFor(origin.countryCode);
  return { origin, outboundHubs: [from.gateway], customs: dest.gateway, inboundHubs: [hub], destination };
}

/** Where marketplace-fulfilled parcels start: the marketplace's own warehouse in the buyer's country. */
export function fulfilmentCentreFor(countryCode: string): Place {
  return networkFor(countryCode.toUpperCase()).fulfilmentCentre;
}
