/**
 * A postcode given to verify ("where's my mat?? order 127-…, postcode M3 2ER") says who the buyer is, not that
 * the address should change: its label word must not make a tracking question an address change. A message
 * about the address itself (wrong, new, change, 改, 错) keeps it.
 */
const POSTCODE =
  /(?:\b(?:my |the )?(?:zip(?: ?code)?|post ?code|postal code|plz)(?: is|:)?\s*|(?:邮编|邮政编码|油编|游编|邮遍)(?:是|:|：)?\s*)(?:[a-z]{1,2}\d[a-z\d]? ?\d[a-z]{2}|\d{5}(?:-\d{4})?|\d{6}|\d{4})\b/gi;
/** The address itself is the subject: its label words and numbers stay. */
const ABOUT_ADDRESS =
  /\b(?:address|addy|adress|wrong|change|changing|update|new|moved|moving|typo|mistake|correct|fix|redirect|instead|should be|deliver (?:it )?to|send (?:it )?to|ship (?:it )?to)\b|地址|改|错|新|搬|寄到|送到|发到/i;

/** The message without a labelled postcode given only to verify, or undefined when it has none (or is about the address). */
export function withoutVerifyingPostcode(text: string): string | undefined {
  if (ABOUT_ADDRESS.test(text)) return undefined;
  const rest = text.replace(POSTCODE, ' ').replace(/\s{2,}/g, ' ').trim();
  // Only facts ("order 112-… zip 30308"): nothing else to read.
  const words = rest.replace(/\b\d{3}-\d{7}-\d{7}\b|\border(?: number| no\.?| #)?\b|订单号?/gi, ' ');
  return rest !== text.trim() && /\p{L}{2,}/u.test(words) ? rest : undefined;
}
