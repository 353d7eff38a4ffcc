/** Small pieces every dialog machine shares: reply emission and entity access. Pure, no I/O. */
import { readYesNo } from '../src/nlu/answers.js';
import { INTENTS, type Entity, type EntityType, type Intent } from '../src/nlu/types.js';
import type { Suggestion } from './reply.js';
import type { UserSaid } from './events.js';
import type { FlowEvent } from './flow.js';

export const entity = (entities: readonly Entity[], type: EntityType): string | undefined =>
  entities.find((e) => e.type === type)?.value;

export const suggestion = (key: string, choice: string, values?: Suggestion['values']): Suggestion =>
  values ? { key, choice, values } : { key, choice };

/** The menu offered by greeting / help; choosing an item routes like the intent itself. */
export const MENU: Suggestion[] = [
  suggestion('common:menu.track', 'intent:track_order'),
  suggestion('common:menu.cancel', 'intent:cancel_order'),
  suggestion('common:menu.address', 'intent:change_address'),
  suggestion('common:menu.return', 'intent:return_item'),
  suggestion('common:menu.complaint', 'intent:complaint'),
  suggestion('common:menu.agent', 'intent:human_agent'),
];

const INTENT_CHOICE = /^intent:([a-z_]+)$/;

/** A menu choice wins over the classifier: the buyer pressed exactly that. */
export function effectiveIntent(event: UserSaid): Intent {
  const name = event.choice ? INTENT_CHOICE.exec(event.choice)?.[1] : undefined;
  return isIntent(name) ? name : event.nlu.intent;
}

export const isIntent = (name: string | undefined): name is Intent =>
  name !== undefined && (INTENTS as readonly string[]).includes(name);

/** The typed answer to a yes/no question, read by the shared answer reader (negation wins). */
const typedYesNo = (event: UserSaid) => (event.control === 'yes' || event.control === 'no' ? event.control : readYesNo(event.text, event.lang));
export const isYes = (event: FlowEvent): boolean => event.type === 'user.said' && (event.choice === 'yes' || (!event.choice && typedYesNo(event) === 'yes'));
export const isNo = (event: FlowEvent): boolean => event.type === 'user.said' && (event.choice === 'no' || (!event.choice && typedYesNo(event) === 'no'));
export const isBack = (event: FlowEvent): boolean => event.type === 'user.said' && event.control === 'back';

/** A yes/no question's quick replies. */
export const YES_NO = (yesKey: string, noKey: string): Suggestion[] => [suggestion(yesKey, 'yes'), suggestion(noKey, 'no')];

/** The value of a `prefix:value` quick-reply choice, if this event carries one. */
export function choiceValue(event: FlowEvent, prefix: string): string | undefined {
  if (event.type !== 'user.said' || !event.choice?.startsWith(`${prefix}:`)) return undefined;
  return event.choice.slice(prefix.length + 1);
}
