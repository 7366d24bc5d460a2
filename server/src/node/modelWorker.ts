// The entry of a worker thread that builds file models for parallelModels.ts: bundled as dist/modelWorker.js.
import { serveModelJobs } from './modelJobs';

serveModelJobs();
