import type { KithModule } from '../../kith-module.ts';
import type { ClaimedJob } from '../../platform/jobs/runner.ts';
import { importRoutes } from './import.routes.ts';
import { IMPORT_RUN_JOB, runImportJob, type ImportRunPayload } from './import.service.ts';

export const importModule: KithModule = {
  name: 'import',
  routes: [importRoutes],
  // A run started on the web: a job, so it survives a restart and runs in one process (import.service.ts).
  jobs: { [IMPORT_RUN_JOB]: (core, job: ClaimedJob<ImportRunPayload>, signal) => runImportJob(core, job, signal) },
};
