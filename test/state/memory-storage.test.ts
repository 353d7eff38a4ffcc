import { MemoryStorage } from '../../src/state/storage.js';
import { describeStorageContract } from './storage-contract.js';

describeStorageContract('MemoryStorage', () => new MemoryStorage());
