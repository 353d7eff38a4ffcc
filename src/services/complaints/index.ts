export { COMPLAINTS_FILE, ComplaintRecordSchema, InMemoryComplaintService, sortAndFilter } from './in-memory-complaint-service.js';
export type { ComplaintFilter, ComplaintLog, InMemoryComplaintServiceOptions, RecordComplaintInput } from './in-memory-complaint-service.js';
export { RedisComplaintService } from './redis-complaint-service.js';
export type { RedisComplaintServiceOptions } from './redis-complaint-service.js';
