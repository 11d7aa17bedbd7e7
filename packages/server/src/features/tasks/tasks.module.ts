import { taskTimeline } from './task-timeline.repository.ts';
import { taskContactRefs } from './task.refs.ts';
import type { KithModule } from '../../kith-module.ts';
import { taskRoutes } from './task.routes.ts';

export const tasksModule: KithModule = {
  name: 'tasks',
  routes: [taskRoutes],
  contactRefs: taskContactRefs,
  timeline: [taskTimeline],
};
