/** Which activities the widget shows as an agent's, and how it regroups them (pure parts of agent-author). */
import { describe, expect, it } from 'vitest';
import { agentGroupMiddleware, agentLabel, agentOf, splitBySpeaker } from '../../src/web/chat/agent-author.js';

const bot = (id: string) => ({ id, from: { role: 'bot' } });
const user = (id: string) => ({ id, from: { role: 'user' } });
const agent = (id: string, name = 'Li Na') => ({ id, from: { role: 'bot' }, channelData: { replyKey: 'handoff:agentMessage', agent: { name, role: 'agent' } } });

describe('agentOf', () => {
  it("reads the agent desk's mark", () => {
    expect(agentOf(agent('a'))).toEqual({ name: 'Li Na' });
  });
  it('ignores bot and buyer activities, a wrong role, a blank or missing name, and a buyer claiming to be an agent', () => {
    expect(agentOf(bot('b'))).toBeUndefined();
    expect(agentOf({ from: { role: 'bot' }, channelData: { agent: { name: 'Li', role: 'bot' } } })).toBeUndefined();
    expect(agentOf({ from: { role: 'bot' }, channelData: { agent: { name: '  ', role: 'agent' } } })).toBeUndefined();
    expect(agentOf({ from: { role: 'bot' }, channelData: { agent: { role: 'agent' } } })).toBeUndefined();
    expect(agentOf({ from: { role: 'user' }, channelData: { agent: { name: 'Li', role: 'agent' } } })).toBeUndefined();
  });
  it('keeps a long name to one line', () => {
    expect(agentOf(agent('a', 'x'.repeat(100)))?.name).toHaveLength(40);
  });
});

describe('grouping', () => {
  it('splits a group where the speaker changes: bot, agent, another agent, bot', () => {
    const [b1, b2, a1, a2, o1, b3] = [bot('b1'), bot('b2'), agent('a1'), agent('a2'), agent('o1', 'Sam'), bot('b3')];
    expect(splitBySpeaker([[b1, b2, a1, a2, o1, b3]]).map((g) => g.map((a) => a.id))).toEqual([['b1', 'b2'], ['a1', 'a2'], ['o1'], ['b3']]);
  });
  it("leaves Web Chat's own groups alone when one speaker talks (and never merges groups)", () => {
    const groups = [[bot('b1')], [bot('b2'), bot('b3')], [user('u1')]];
    expect(splitBySpeaker(groups).map((g) => g.map((a) => a.id))).toEqual([['b1'], ['b2', 'b3'], ['u1']]);
  });
  it('as a Web Chat middleware: splits both the sender and the status groups, keeps other keys', () => {
    const acts = [bot('b1'), agent('a1')];
    const next = () => ({ sender: [acts], status: [acts], other: [acts] });
    const out = agentGroupMiddleware()(next)({ activities: acts });
    expect(out.sender?.length).toBe(2);
    expect(out.status?.length).toBe(2);
    expect(out.other?.length).toBe(1);
  });
});

describe('agentLabel', () => {
  it('fills the name into the localized label', () => {
    expect(agentLabel('{{name}} · 人工客服')('Li Na')).toBe('Li Na · 人工客服');
  });
});
