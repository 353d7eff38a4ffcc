/**
 * The handoff queue's Lua scripts (redis-handoff-queue.ts): every state change of a ticket is one
 * script, so two agents accepting at once on two instances get exactly one `ok`. Each lists its
 * KEYS and ARGV; all keys share the `{handoff}` hash tag (one Cluster slot).
 */
import { LuaScript } from '../../state/redis-client.js';

/** KEYS: key, ticket, waiting, open, conversation, seq. ARGV: id, request, createdAt, origin, keyTtlMs. */
export const CREATE = new LuaScript(`
local existing = redis.call('GET', KEYS[1])
if existing then return {'existing', existing} end
if redis.call('EXISTS', KEYS[2]) == 1 then return {'collision', ARGV[1]} end
local seq = redis.call('INCR', KEYS[6])
if tonumber(ARGV[5]) > 0 then redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[5]) else redis.call('SET', KEYS[1], ARGV[1], 'NX') end
redis.call('HSET', KEYS[2], 'request', ARGV[2], 'state', 'queued', 'createdAt', ARGV[3], 'origin', ARGV[4], 'seq', seq)
redis.call('ZADD', KEYS[3], seq, ARGV[1])
redis.call('ZADD', KEYS[4], seq, ARGV[1])
redis.call('ZADD', KEYS[5], seq, ARGV[1])
return {'created', ARGV[1]}
`);

/** KEYS: ticket, waiting. ARGV: id, agentId, agentName, acceptedAt. */
export const ACCEPT = new LuaScript(`
local state = redis.call('HGET', KEYS[1], 'state')
if not state then return {'not_found'} end
if state == 'accepted' then
  if redis.call('HGET', KEYS[1], 'agentId') == ARGV[2] then return {'ok', redis.call('HGETALL', KEYS[1])} end
  return {'taken'}
end
if state ~= 'queued' then return {'closed'} end
redis.call('HSET', KEYS[1], 'state', 'accepted', 'agentId', ARGV[2], 'agentName', ARGV[3], 'acceptedAt', ARGV[4])
redis.call('ZREM', KEYS[2], ARGV[1])
return {'ok', redis.call('HGETALL', KEYS[1])}
`);

/**
 * Close or withdraw. KEYS: ticket, waiting, open, messages. ARGV: id, new state, closedAt ('' for
 * none), retentionMs. Already closed/withdrawn: unchanged.
 */
export const FINISH = new LuaScript(`
local state = redis.call('HGET', KEYS[1], 'state')
if not state then return {'not_found'} end
if state == 'closed' or state == 'withdrawn' then return {'unchanged', redis.call('HGETALL', KEYS[1])} end
redis.call('HSET', KEYS[1], 'state', ARGV[2])
if ARGV[3] ~= '' then redis.call('HSET', KEYS[1], 'closedAt', ARGV[3]) end
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('ZREM', KEYS[3], ARGV[1])
if tonumber(ARGV[4]) > 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[4])
  redis.call('PEXPIRE', KEYS[4], ARGV[4])
end
return {'changed', redis.call('HGETALL', KEYS[1])}
`);

/** KEYS: ticket. ARGV: agentId, approval JSON. */
export const APPROVE = new LuaScript(`
local state = redis.call('HGET', KEYS[1], 'state')
if not state then return {'not_found'} end
if state ~= 'queued' and state ~= 'accepted' then return {'closed'} end
local raw = redis.call('HGET', KEYS[1], 'approvals')
local approvals = raw and cjson.decode(raw) or {}
for _, a in ipairs(approvals) do
  if a.agentId == ARGV[1] then return {'again', redis.call('HGETALL', KEYS[1])} end
end
table.insert(approvals, cjson.decode(ARGV[2]))
redis.call('HSET', KEYS[1], 'approvals', cjson.encode(approvals))
return {'first', redis.call('HGETALL', KEYS[1])}
`);

/** KEYS: ticket. ARGV: outcome JSON. First outcome wins. */
export const SETTLE = new LuaScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return {'not_found'} end
if redis.call('HSETNX', KEYS[1], 'pendingOutcome', ARGV[1]) == 1 then return {'first', redis.call('HGETALL', KEYS[1])} end
return {'again', redis.call('HGETALL', KEYS[1])}
`);

/** KEYS: ticket, messages. ARGV: message JSON, max messages. */
export const RELAY = new LuaScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return {'not_found'} end
redis.call('RPUSH', KEYS[2], ARGV[1])
redis.call('LTRIM', KEYS[2], -tonumber(ARGV[2]), -1)
local ttl = redis.call('PTTL', KEYS[1])
if ttl > 0 then redis.call('PEXPIRE', KEYS[2], ttl) end
return {'ok', redis.call('HGETALL', KEYS[1])}
`);
