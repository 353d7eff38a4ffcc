/** The dialogs as the bot runs them: the root machine over every flow, for one policy and one set of services. */
import type { PolicyConfig } from '../src/policy/index.js';
import { createFlows } from './flows.js';
import { createRootMachine } from './root.machine.js';
import type { ServiceActors } from './services.js';

export function createDialogs(policy: PolicyConfig, services: ServiceActors) {
  return createRootMachine(createFlows(policy, services));
}
