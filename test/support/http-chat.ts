/** Talks to `/api/messages` over real HTTP with deliveryMode expectReplies (Bot Framework standard). */
import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';

export interface ChatReply {
  text: string;
  key: string | undefined;
  choices: { title: string; value: unknown }[];
  activity: Partial<Activity>;
}

export function httpChat(baseUrl: string, conversationId = `conv-${randomUUID()}`, base: Partial<Activity> = {}) {
  async function post(activity: Partial<Activity>): Promise<{ status: number; replies: ChatReply[] }> {
    const res = await fetch(`${baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        id: randomUUID(),
        channelId: 'test',
        serviceUrl: 'http://127.0.0.1:9/',
        conversation: { id: conversationId },
        from: { id: 'buyer-1', name: 'Buyer' },
        recipient: { id: 'bot', name: 'Assistant' },
        timestamp: new Date().toISOString(),
        deliveryMode: 'expectReplies',
        ...base,
        ...activity,
      }),
    });
    const body = res.status === 200 ? ((await res.json()) as { activities?: Partial<Activity>[] }) : { activities: [] };
    const replies = (body.activities ?? []).map((a) => ({
      text: a.text ?? '',
      key: (a.channelData as { replyKey?: string } | undefined)?.replyKey,
      choices: (a.suggestedActions?.actions ?? []).map((c) => ({ title: String(c.title), value: c.value })),
      activity: a,
    }));
    return { status: res.status, replies };
  }
  return {
    conversationId,
    post,
    say: (text: string) => post({ type: 'message', text }),
    choose: (reply: ChatReply, index: number) => {
      const c = reply.choices[index];
      if (!c) throw new Error(`no choice ${index} in ${reply.key}`);
      return post({ type: 'message', text: c.title, value: c.value });
    },
  };
}
