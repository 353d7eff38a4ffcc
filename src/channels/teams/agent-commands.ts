/** The text commands agents type in the agents' channel, in both languages. */
export type AgentCommand =
  | { name: 'order'; orderId: string }
  | { name: 'queue' }
  | { name: 'transcript'; id: string }
  | { name: 'approve'; ticketId: string }
  | { name: 'accept'; ticketId: string }
  | { name: 'end'; ticketId?: string }
  | { name: 'canned'; ticketId?: string }
  | { name: 'help' };

const ALIASES: Record<string, AgentCommand['name']> = {
  order: 'order',
  订单: 'order',
  queue: 'queue',
  队列: 'queue',
  transcript: 'transcript',
  记录: 'transcript',
  聊天记录: 'transcript',
  approve: 'approve',
  批准: 'approve',
  accept: 'accept',
  接单: 'accept',
  end: 'end',
  结束: 'end',
  canned: 'canned',
  快捷回复: 'canned',
  help: 'help',
  帮助: 'help',
};

/**
 * A command typed by an agent, or undefined (in a ticket thread that means: relay it to the buyer).
 * Leading mentions are stripped by the caller; the first word decides, ids are taken verbatim.
 */
export function parseAgentCommand(text: string): AgentCommand | undefined {
  const trimmed = text.trim().replace(/^\//, '');
  const m = /^(\S+?)(?:\s*[:：]\s*|\s+|$)(.*)$/su.exec(trimmed);
  if (!m || m[1] === undefined) return undefined;
  const name = ALIASES[m[1].toLowerCase()];
  const arg = (m[2] ?? '').trim();
  const id = /^[\w.:@;=-]{1,200}$/.test(arg) ? arg : undefined;
  switch (name) {
    case 'order':
      return id ? { name, orderId: id } : undefined;
    case 'transcript':
      return id ? { name, id } : undefined;
    case 'approve':
      return id ? { name, ticketId: id } : undefined;
    case 'accept':
      return id ? { name, ticketId: id } : undefined;
    case 'end':
    case 'canned':
      if (arg === '') return { name };
      return id ? { name, ticketId: id } : undefined;
    case 'queue':
    case 'help':
      return arg === '' ? { name } : undefined;
    default:
      return undefined;
  }
}
