export { COMPLAINTS_FILE, ComplaintRecordSchema, InMemoryComplaintService } from './in-memory-complaint-service.js';
export type { ComplaintFilter, InMemoryComplaintServiceOptions } from './in-memory-complaint-service.js';
