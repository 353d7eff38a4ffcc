/** Canned replies agents can send; rendered in the buyer's language from `agent:canned.*`. */
export const CANNED_REPLIES = [
  'greeting',
  'lookingIntoIt',
  'askPhoto',
  'exceptionApproved',
  'refundIssued',
  'replacementSent',
  'followUpEmail',
  'thanksForWaiting',
] as const;
export type CannedReply = (typeof CANNED_REPLIES)[number];

export function cannedKey(name: CannedReply): string {
  return `agent:canned.${name}`;
}

/** Accepts only keys from the list (a tampered card submit cannot send an arbitrary key to a buyer). */
export function parseCannedKey(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const name = value.startsWith('agent:canned.') ? value.slice('agent:canned.'.length) : value;
  return (CANNED_REPLIES as readonly string[]).includes(name) ? `agent:canned.${name}` : undefined;
}
