/**
 * Shows a person from the seller's team as that person, not as the bot: the agent desk marks each
 * activity an agent wrote with `channelData.agent` ({ name, role: 'agent' }, see
 * src/channels/agent-desk/agent-desk-service.ts). Web Chat only knows "bot" and "user", so three of
 * its middlewares are bent here: grouping (an agent's messages are their own group, so they get their
 * own avatar and status line), the avatar (the agent's initials, in a colour apart from the bot's)
 * and the activity status (the agent's name and a localized "support agent" before the time).
 */
import { createElement, Fragment, type ReactElement, type ReactNode } from 'react';
import { initials } from './shared.js';

export interface AgentAuthor {
  name: string;
}

/** What Web Chat hands our middlewares; only the parts we read. */
interface ActivityLike {
  from?: { role?: string };
  channelData?: unknown;
}

/** Longest agent name shown (a desk display name, never buyer input; still kept to one line). */
const MAX_NAME = 40;

/** The agent who wrote this activity, when the agent desk marked it so. */
export function agentOf(activity: ActivityLike | undefined): AgentAuthor | undefined {
  if (activity?.from?.role === 'user') return undefined;
  const data = activity?.channelData;
  const agent = typeof data === 'object' && data !== null && 'agent' in data ? data.agent : undefined;
  if (typeof agent !== 'object' || agent === null || !('role' in agent) || agent.role !== 'agent' || !('name' in agent) || typeof agent.name !== 'string') return undefined;
  const name = agent.name.trim().slice(0, MAX_NAME);
  return name ? { name } : undefined;
}

/** Who speaks, for grouping: the buyer, the bot, or one named agent. */
export function speakerOf(activity: ActivityLike): string {
  const agent = agentOf(activity);
  return agent ? `agent:${agent.name}` : (activity.from?.role ?? 'bot');
}

/** Splits each group wherever the speaker changes (Web Chat groups bot and agent together: same role). */
export function splitBySpeaker<T extends ActivityLike>(groups: readonly (readonly T[])[]): T[][] {
  const out: T[][] = [];
  for (const group of groups) {
    let current: T[] = [];
    for (const activity of group) {
      const last = current[current.length - 1];
      if (last !== undefined && speakerOf(last) !== speakerOf(activity)) {
        out.push(current);
        current = [];
      }
      current.push(activity);
    }
    if (current.length > 0) out.push(current);
  }
  return out;
}

type Groups = Record<string, ActivityLike[][] | undefined>;
type GroupActivities = (args: { activities: ActivityLike[] }) => Groups;

/** Web Chat `groupActivitiesMiddleware`: sender and status groups end where the speaker changes. */
export const agentGroupMiddleware = () => (next: GroupActivities) => (args: { activities: ActivityLike[] }): Groups => {
  const groups = next(args);
  return {
    ...groups,
    ...(groups.sender ? { sender: splitBySpeaker(groups.sender) } : {}),
    ...(groups.status ? { status: splitBySpeaker(groups.status) } : {}),
  };
};

interface AvatarArgs {
  activity: ActivityLike;
  fromUser: boolean;
  styleOptions: { avatarSize?: number; avatarBorderRadius?: string | number };
}
type AvatarFactory = (args: AvatarArgs) => (() => ReactElement | null) | false;

/** Web Chat `avatarMiddleware`: an agent's activities carry the agent's initials, not the shop's. */
export function agentAvatarMiddleware(colour: string) {
  return () => (next: AvatarFactory) => (args: AvatarArgs) => {
    const agent = args.fromUser ? undefined : agentOf(args.activity);
    if (!agent) return next(args);
    const size = args.styleOptions.avatarSize ?? 40;
    return () =>
      createElement(
        'div',
        {
          'aria-hidden': true,
          className: 'asa-agent-avatar',
          'data-agent': agent.name,
          style: {
            width: size,
            height: size,
            borderRadius: args.styleOptions.avatarBorderRadius ?? '50%',
            background: colour,
            color: '#fff',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'center',
            fontSize: 14,
            fontWeight: 600,
          },
        },
        initials(agent.name),
      );
  };
}

interface StatusArgs {
  activity: ActivityLike;
  hideTimestamp: boolean;
}
type RenderStatus = (args: StatusArgs) => ReactNode;

/**
 * Web Chat `activityStatusMiddleware`: the agent's name and role before the time, on the last message
 * of each of their groups (where Web Chat shows the time), e.g. "Li · Support agent · Just now".
 */
export function agentStatusMiddleware(label: (name: string) => string) {
  return () => (next: RenderStatus) => (args: StatusArgs) => {
    const agent = agentOf(args.activity);
    const status = next(args);
    if (!agent || args.hideTimestamp) return status;
    return createElement(
      Fragment,
      null,
      createElement('span', { className: 'asa-agent-name', style: { fontSize: 12, fontWeight: 600, color: '#5b21b6', marginInlineEnd: 6 } }, label(agent.name)),
      status,
    );
  };
}

/** Fills `{{name}}` in the localized label (the locales use i18next's placeholder syntax). */
export const agentLabel = (template: string) => (name: string) => template.replace('{{name}}', name);
