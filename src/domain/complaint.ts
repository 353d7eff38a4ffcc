/** A buyer's complaint as recorded for agents (seed 004: respond in time, offer a solution). */

export type ComplaintCategory =
  | 'product_quality'
  | 'delivery'
  | 'service'
  | 'description_mismatch'
  | 'negative_review'
  | 'other';

export interface ComplaintRecord {
  id: string;
  conversationId: string;
  /** The order the complaint is about, when the buyer is verified for it. */
  orderId?: string;
  /** An order id the buyer named but is not verified for: a lead for agents, never shown back. */
  mentionedOrderId?: string;
  category: ComplaintCategory;
  severity: 'normal' | 'severe';
  summary: string;
  /** The buyer's own words, never lost. */
  buyerText: string[];
  /** Links to photos the buyer attached as evidence. */
  photos?: string[];
  /** The buyer offered to change or remove a review in exchange for something (seed 003/004: refused). */
  reviewBargain?: boolean;
  createdAt: string;
}
