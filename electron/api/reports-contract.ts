/**
 * Reports of patrol tasks for a day, a week (Monday to Sunday) or a month, overall and by township, grid cell and
 * inspector: counts by state and category, closure and on-time closure rates, median time to close, the overdue
 * list, false alarms by camera and reason. Imports only zod (through the report's schema module).
 */
import { z } from 'zod';
import { ReportCsvRequestSchema, ReportRequestSchema, TaskReportSchema } from '../reports/report-schema';

export const reportRequests = {
  'reports:get': { input: ReportRequestSchema, output: TaskReportSchema },
  /** The same report as a CSV file (UTF-8 with a BOM, for Excel), headers in the language asked for. */
  'reports:csv': {
    input: ReportCsvRequestSchema,
    output: z.object({ name: z.string(), mediaType: z.literal('text/csv'), text: z.string() }),
  },
} as const;
