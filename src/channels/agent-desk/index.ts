/** The agent desk service shared by the Teams channel and the console tab. */
export * from './agent-desk-service.js';
export * from './activity-dedup.js';
export * from './canned.js';
export * from './ticket-history.js';
export * from './redis-ticket-history.js';
export * from './order-view.js';
export * from './ticket-view.js';
