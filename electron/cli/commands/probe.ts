/**
 * `anxun probe URL`: connects to a camera over RTSP, reads one video frame and prints the codec, size and
 * frame rate, or the error code and why; `--preview FILE` saves that frame as a JPEG. The password never appears
 * in what it prints.
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { resolveFfmpeg } from '../../media/ffmpeg';
import { DEFAULT_PROBE_TIMEOUT_MS, probeStream, type ProbeResult } from '../../media/probe';
import { maskRtspUrl, parseRtspUrl } from '../../media/rtsp-url';
import { redactText } from '../../log/redact';
import { CliError, EXIT } from '../errors';
import { parseNumberFlag } from './detect';

interface ProbeFlags {
  timeout: string;
  json?: boolean;
  preview?: string;
}

function shownUrl(url: string): string {
  const parsed = parseRtspUrl(url);
  return parsed.ok ? maskRtspUrl(parsed.url) : '(not a camera URL)';
}

function print(url: string, result: ProbeResult, json: boolean): void {
  if (json) {
    const shown = result.ok
      ? { ok: true, codec: result.codec, width: result.width, height: result.height, fps: result.fps }
      : result;
    process.stdout.write(`${JSON.stringify({ url: shownUrl(url), ...shown })}\n`);
    return;
  }
  if (result.ok) {
    const fps = result.fps === null ? 'unknown fps' : `${result.fps} fps`;
    process.stdout.write(`${shownUrl(url)}  ${result.codec}  ${result.width}x${result.height}  ${fps}\n`);
  } else {
    process.stderr.write(`anxun: ${result.code}: ${redactText(result.message)}\n`);
  }
}

export async function probe(url: string, flags: ProbeFlags): Promise<void> {
  const timeoutMs = parseNumberFlag('--timeout', flags.timeout, 0.1, 120) * 1000;
  let result: ProbeResult;
  const parsed = parseRtspUrl(url);
  if (!parsed.ok) {
    result = { ok: false, code: 'BAD_URL', message: parsed.message };
  } else {
    const { binary, problems } = await resolveFfmpeg();
    if (!binary) throw new CliError(`ffmpeg is needed to probe a camera: ${problems.join('; ')}`);
    result = await probeStream(url, { timeoutMs, ffmpegPath: binary.path, release: binary.release });
  }
  if (flags.preview !== undefined && result.ok) {
    if (!result.preview) throw new CliError('the camera answered but ffmpeg wrote no preview frame');
    try {
      writeFileSync(flags.preview, result.preview);
    } catch (error) {
      throw new CliError(
        `cannot write the preview to ${flags.preview}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
      );
    }
  }
  print(url, result, flags.json === true);
  if (!result.ok) process.exitCode = EXIT.failure;
}

export function registerProbe(program: Command): void {
  program
    .command('probe')
    .description('connect to a camera (rtsp:// or rtsps://) and print its codec, size and frame rate')
    .argument('<url>', 'camera URL, e.g. rtsp://user:password@192.168.1.64:554/Streaming/Channels/101')
    .option('--timeout <seconds>', 'give up after this many seconds', String(DEFAULT_PROBE_TIMEOUT_MS / 1000))
    .option('--json', 'print the result as JSON')
    .option('--preview <file>', 'save the first frame as a JPEG (at most 640 px wide)')
    .action((url: string, flags: ProbeFlags) => probe(url, flags));
}
