/**
 * A detector worker: one onnxruntime session for one model, off the main thread. It takes one frame at a
 * time (the service never sends a second before the first is answered) and hands the frame's buffer back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { FromWorker, ToWorker } from './detector-protocol';
import { tryLoadDetector, type OnnxDetector } from './detector';

type LoadArgs = Parameters<typeof OnnxDetector.load>;
interface WorkerInput {
  model: LoadArgs[0];
  options: LoadArgs[1];
}

function post(message: FromWorker, transfer: ArrayBuffer[] = []): void {
  parentPort?.postMessage(message, transfer);
}

function transferable(data: Uint8Array): ArrayBuffer[] {
  return data.buffer instanceof ArrayBuffer ? [data.buffer] : [];
}

async function main(): Promise<void> {
  const input = workerData as WorkerInput;
  let loaded: Awaited<ReturnType<typeof tryLoadDetector>>;
  try {
    loaded = await tryLoadDetector(input.model, input.options);
  } catch (error) {
    post({ type: 'load-failed', code: 'LOAD_FAILED', message: error instanceof Error ? error.message : String(error) });
    return;
  }
  if (!loaded.ok) {
    post({ type: 'load-failed', code: loaded.reason.code, message: loaded.reason.message });
    return;
  }
  const detector = loaded.detector;
  post({ type: 'ready', modelId: detector.modelId });
  /** Detections still running: a stop waits for them, so the session is never released under a running one. */
  const running = new Set<Promise<unknown>>();
  parentPort?.on('message', (message: ToWorker) => {
    if (message.type === 'stop') {
      void Promise.allSettled([...running])
        .then(() => detector.dispose())
        .finally(() => parentPort?.close());
      return;
    }
    const { id, width, height, data, region } = message;
    const run = detector.detect({ width, height, data }, region ?? undefined).then(
      (r) => post({ type: 'result', id, detections: r.detections, timings: r.timings, data }, transferable(data)),
      (error: unknown) =>
        post(
          { type: 'error', id, message: error instanceof Error ? error.message : String(error), data },
          transferable(data),
        ),
    );
    running.add(run);
    void run.finally(() => running.delete(run));
  });
}

void main();
