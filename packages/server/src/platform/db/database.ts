import type { AuditTable } from '../audit/audit.table.ts';
import type { ApiTokenTable, PasswordResetTable, SessionTable, ThrottleTable } from '../auth/auth.table.ts';
import type { OrderLineTable, OrderTable, ProductCategoryTable, ProductTable } from '../../features/commerce/commerce.table.ts';
import type { CompanyTable } from '../../features/companies/company.table.ts';
import type { ContactKeyTable, ContactTable } from '../../features/contacts/contact.table.ts';
import type { TaskTable } from '../../features/tasks/task.table.ts';
import type { ImportErrorTable, ImportFileTable, ImportItemTable, ImportTable } from '../../features/import/import.table.ts';
import type { DuplicateCandidateTable, MergeTable } from '../../features/duplicates/duplicate.table.ts';
import type {
  CustomerScoreTable,
  CustomerStatsDirtyTable,
  CustomerStatsStateTable,
  CustomerStatsTable,
  JobLeaseTable,
  ProductAffinityTable,
  ScoreRunTable,
} from '../../features/analytics/score.table.ts';
import type { DealTable, PipelineStageTable, PipelineTable } from '../../features/deals/deal.table.ts';
import type { InteractionTable } from '../../features/interactions/interaction.table.ts';
import type { CustomFieldTable } from '../../features/custom-fields/custom-field.table.ts';
import type { InvitationTable } from '../../features/invitations/invitation.table.ts';
import type { MembershipTable, UserTable } from '../auth/user.table.ts';
import type { TeamMemberTable, TeamTable } from '../../features/teams/team.table.ts';
import type { SavedViewTable } from '../../features/views/view.table.ts';
import type { SegmentMemberTable, SegmentTable } from '../../features/segments/segment.table.ts';
import type {
  AssessmentAnswerTable,
  AssessmentFinalTable,
  AssessmentFrameworkTable,
  AssessmentRespondentTable,
  AssessmentSettingsTable,
  AssessmentTable,
} from '../../features/assessment/assessment.table.ts';
import type { KpiDefinitionTable, KpiPeriodTable, KpiResultTable, KpiTargetTable, KpiWeightTable, SegmentPlanTable } from '../../features/kpis/kpi.table.ts';
import type { DemoBatchTable } from '../../features/demo/demo.table.ts';
import type {
  CannedReplyTable,
  CareSettingsTable,
  SlaPolicyTable,
  TeamAssignmentTable,
  TicketMessageTable,
  TicketTable,
} from '../../features/tickets/ticket.table.ts';
import type { JobTable } from '../jobs/job.table.ts';
import type { MailOutboxTable, WorkspaceMailTable } from '../mail/mail.table.ts';
import type {
  SurveyAnswerTable,
  SurveyInvitationTable,
  SurveyQuestionTable,
  SurveyResponseTable,
  SurveyTable,
  SurveyAnswerDayTable,
} from '../../features/surveys/survey.table.ts';
import type { PlaybookTable, PlaybookRunTable, PlaybookRunStepTable } from '../../features/playbooks/playbook.table.ts';
import type { LoyaltyAccountTable, LoyaltySettingsTable, PointsLedgerTable } from '../../features/loyalty/loyalty.table.ts';
import type { InstanceTable, WorkspaceTable } from '../../features/workspaces/workspace.table.ts';
import type { EventCursorTable, EventFailureTable, EventStreamTable, EventTable } from '../events/event.table.ts';
import type {
  TrainingCompetencyTable,
  TrainingCourseCompetencyTable,
  TrainingCourseTable,
  TrainingRecordTable,
  TrainingReminderTable,
  TrainingRequirementTable,
} from '../../features/training/training.table.ts';
import type { MemberCapacityTable, WorkloadSettingsTable } from '../../features/workload/workload.table.ts';
import type { RewardEntryTable, RewardRuleTable } from '../../features/rewards/rewards.table.ts';

/** SQLite only: the contentless FTS5 index of contacts.search_text (see the initial migration). */
export interface ContactFtsTable {
  rowid: number;
  ws: string;
  terms: string;
  contact_fts: string;
}

export interface Database {
  contact_fts: ContactFtsTable;
  product_affinities: ProductAffinityTable;
  segments: SegmentTable;
  segment_members: SegmentMemberTable;
  demo_batches: DemoBatchTable;
  customer_stats: CustomerStatsTable;
  customer_stats_dirty: CustomerStatsDirtyTable;
  customer_stats_state: CustomerStatsStateTable;
  instance: InstanceTable;
  workspaces: WorkspaceTable;
  users: UserTable;
  memberships: MembershipTable;
  teams: TeamTable;
  team_members: TeamMemberTable;
  invitations: InvitationTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  password_resets: PasswordResetTable;
  throttle: ThrottleTable;
  companies: CompanyTable;
  contacts: ContactTable;
  contact_keys: ContactKeyTable;
  custom_fields: CustomFieldTable;
  audit_log: AuditTable;
  saved_views: SavedViewTable;
  product_categories: ProductCategoryTable;
  products: ProductTable;
  orders: OrderTable;
  order_lines: OrderLineTable;
  interactions: InteractionTable;
  tasks: TaskTable;
  imports: ImportTable;
  import_files: ImportFileTable;
  import_items: ImportItemTable;
  import_errors: ImportErrorTable;
  duplicate_candidates: DuplicateCandidateTable;
  customer_scores: CustomerScoreTable;
  score_runs: ScoreRunTable;
  job_leases: JobLeaseTable;
  merges: MergeTable;
  pipelines: PipelineTable;
  pipeline_stages: PipelineStageTable;
  deals: DealTable;
  care_settings: CareSettingsTable;
  sla_policies: SlaPolicyTable;
  team_assignment: TeamAssignmentTable;
  tickets: TicketTable;
  ticket_messages: TicketMessageTable;
  canned_replies: CannedReplyTable;
  jobs: JobTable;
  events: EventTable;
  event_streams: EventStreamTable;
  event_cursors: EventCursorTable;
  event_failures: EventFailureTable;
  mail_outbox: MailOutboxTable;
  surveys: SurveyTable;
  survey_questions: SurveyQuestionTable;
  survey_invitations: SurveyInvitationTable;
  survey_responses: SurveyResponseTable;
  survey_answers: SurveyAnswerTable;
  survey_answer_days: SurveyAnswerDayTable;
  playbooks: PlaybookTable;
  playbook_runs: PlaybookRunTable;
  playbook_run_steps: PlaybookRunStepTable;
  loyalty_accounts: LoyaltyAccountTable;
  loyalty_settings: LoyaltySettingsTable;
  workspace_mail: WorkspaceMailTable;
  points_ledger: PointsLedgerTable;
  assessment_frameworks: AssessmentFrameworkTable;
  assessments: AssessmentTable;
  assessment_respondents: AssessmentRespondentTable;
  assessment_answers: AssessmentAnswerTable;
  assessment_finals: AssessmentFinalTable;
  assessment_settings: AssessmentSettingsTable;
  kpi_definitions: KpiDefinitionTable;
  kpi_weights: KpiWeightTable;
  kpi_targets: KpiTargetTable;
  segment_plans: SegmentPlanTable;
  kpi_periods: KpiPeriodTable;
  kpi_results: KpiResultTable;
  training_competencies: TrainingCompetencyTable;
  training_courses: TrainingCourseTable;
  training_course_competencies: TrainingCourseCompetencyTable;
  training_requirements: TrainingRequirementTable;
  training_records: TrainingRecordTable;
  training_reminders: TrainingReminderTable;
  workload_settings: WorkloadSettingsTable;
  member_capacity: MemberCapacityTable;
  reward_entries: RewardEntryTable;
  reward_rules: RewardRuleTable;
}
