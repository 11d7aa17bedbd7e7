/**
 * A node:test reporter that counts leaf tests (not suites) and writes {passed, failed, skipped, failures}
 * as JSON when the run ends. scripts/test.ts adds it beside the human-readable spec reporter.
 */
type Event = {
  type: string;
  data: {
    name: string;
    nesting: number;
    file?: string;
    skip?: unknown;
    todo?: unknown;
    details?: { type?: string; error?: { message?: string; cause?: unknown } };
  };
};

export default async function* countReporter(source: AsyncIterable<Event>): AsyncGenerator<string> {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const failures: { name: string; file?: string; message?: string }[] = [];
  for await (const e of source) {
    if (e.type !== 'test:pass' && e.type !== 'test:fail') continue;
    if (e.data.details?.type === 'suite') {
      // A suite fails on its own only when a hook fails; count that as one failure so it is never silent.
      if (e.type === 'test:fail' && (e.data.details.error as { failureType?: string } | undefined)?.failureType === 'hookFailed') {
        failed++;
        failures.push({ name: e.data.name, file: e.data.file, message: String(e.data.details.error?.cause ?? e.data.details.error?.message ?? '') });
      }
      continue;
    }
    if (e.data.skip || e.data.todo) skipped++;
    else if (e.type === 'test:pass') passed++;
    else {
      failed++;
      failures.push({
        name: e.data.name,
        file: e.data.file,
        message: String((e.data.details?.error?.cause as Error | undefined)?.message ?? e.data.details?.error?.message ?? ''),
      });
    }
  }
  yield JSON.stringify({ passed, failed, skipped, failures });
}
