/**
 * The `anxun` command. Each sub-command lives in its own file under commands/ and registers itself here.
 */
import { Command } from 'commander';
import { APP_VERSION } from '../engine/app-info';
import { registerAnalyze } from './commands/analyze';
import { registerDetect } from './commands/detect';
import { registerEvalModel } from './commands/eval-model';
import { registerExportDataset } from './commands/export-dataset';
import { registerGrid } from './commands/grid';
import { registerProbe } from './commands/probe';
import { registerReport } from './commands/report';
import { registerServe } from './commands/serve';
import { describeError } from './errors';

export function buildProgram(): Command {
  const program = new Command('anxun')
    .description('Anxun 安巡: camera monitoring, incidents and patrol tasks for comprehensive-governance centres')
    .version(APP_VERSION, '-v, --version', 'print the version')
    .showHelpAfterError();
  registerServe(program);
  registerDetect(program);
  registerEvalModel(program);
  registerProbe(program);
  registerAnalyze(program);
  registerGrid(program);
  registerReport(program);
  registerExportDataset(program);
  return program;
}

try {
  await buildProgram().parseAsync(process.argv);
} catch (error) {
  const { message, exitCode } = describeError(error);
  process.stderr.write(`anxun: ${message}\n`);
  process.exit(exitCode);
}
