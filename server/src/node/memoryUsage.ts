import { getHeapStatistics } from 'node:v8';
import type { MemoryUsage } from '../lsp/protocol';

export function memoryUsage(): MemoryUsage {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const { rss, heapUsed, heapTotal } = process.memoryUsage();
  return { rss, heapUsed, heapTotal, heapLimit: getHeapStatistics().heap_size_limit, collected: gc !== undefined };
}
