/** The one event a turn sends to the root machine, built from the request and what the NLU understood. */
import type { Lang } from '../domain/lang.js';
import type { NluResult } from '../nlu/types.js';
import { recogniseControl } from '../nlu/control.js';
import type { TurnEvent, UserSaid } from '../../dialogs/events.js';
import { TurnError } from './dialog-run.js';
import type { TurnRequest } from './turn-request.js';

/** A quick reply's or card submit's choice (bounded; anything else is not a choice). */
export function choiceOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || !('choice' in value)) return undefined;
  const { choice } = value as { choice: unknown };
  return typeof choice === 'string' && choice.length <= 100 ? choice : undefined;
}

export function eventOf(
  req: TurnRequest,
  turn: { text: string; lang: Lang; now: string; choice: string | undefined; nlu: NluResult | undefined; presales?: UserSaid['presales'] },
): TurnEvent {
  const { text, lang, now, choice } = turn;
  if (req.kind === 'start') return { type: 'conversation.started', turnId: req.activityId, now, lang };
  if (req.kind === 'agent') {
    if (!req.agent) throw new TurnError('MACHINE_ERROR', 'agent turn without an agent event');
    return { ...req.agent, turnId: req.activityId, now };
  }
  const nlu: NluResult = turn.nlu ?? { text, lang, intent: 'none', score: 0, entities: [] };
  const control = recogniseControl(text, lang);
  return {
    type: 'user.said',
    turnId: req.activityId,
    now,
    lang,
    text,
    nlu: {
      intent: nlu.intent,
      score: nlu.score,
      entities: nlu.entities,
      ...(nlu.alternative ? { alternative: nlu.alternative } : {}),
      ...(nlu.faq ? { faq: nlu.faq } : {}),
    },
    ...(choice ? { choice } : {}),
    ...(control ? { control } : {}),
    ...(req.verifiedEmail ? { verifiedEmail: req.verifiedEmail } : {}),
    ...(req.photos?.length ? { photos: req.photos } : {}),
    ...(turn.presales ? { presales: turn.presales } : {}),
  };
}
