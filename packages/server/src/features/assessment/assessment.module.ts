import type { KithModule } from '../../kith-module.ts';
import { assessmentPageRoutes, assessmentRoutes } from './assessment.routes.ts';

/** The assessment (issue 19): frameworks, assessments and their answers, the report with live evidence. */
export const assessmentModule: KithModule = {
  name: 'assessment',
  routes: [assessmentRoutes],
  pages: [assessmentPageRoutes],
};
