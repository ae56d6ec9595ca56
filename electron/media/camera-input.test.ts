import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cameraInputArgs, ingestArgs } from './camera-supervisor';
import { liveArgs } from './live-stream';

const rtsp = 'rtsp://cam.local:554/stream1';
const ffmpeg5 = { major: 5, minor: 1 };
const ffmpeg4 = { major: 4, minor: 1 };

describe('cameraInputArgs', () => {
  it('pulls RTSP over TCP with the socket timeout this ffmpeg understands and low-latency probing', () => {
    expect(cameraInputArgs(rtsp, ffmpeg5, 5000)).toEqual([
      ...['-rtsp_transport', 'tcp', '-timeout', '5000000'],
      ...['-analyzeduration', '0', '-probesize', '32768', '-i', rtsp],
    ]);
    // before 5.0 `-timeout` would make ffmpeg listen as a server
    const old = cameraInputArgs(rtsp, ffmpeg4, 5000);
    expect(old).toContain('-stimeout');
    expect(old).not.toContain('-timeout');
    expect(cameraInputArgs(rtsp, null, 5000)).not.toContain('-timeout');
  });

  it('loops a file: URL in real time', () => {
    const url = pathToFileURL('/tmp/demo clip.mp4').href;
    expect(cameraInputArgs(url, ffmpeg5, 5000)).toEqual(['-re', '-stream_loop', '-1', '-i', '/tmp/demo clip.mp4']);
  });

  it('is the input of both the ingest and the live picture', () => {
    const input = cameraInputArgs(rtsp, ffmpeg5, 3000);
    const ingest = ingestArgs(rtsp, { fps: 2, width: 640, height: 360 }, ffmpeg5, 3000);
    const live = liveArgs(rtsp, ffmpeg5, 3000, { fps: 5, width: 640, quality: 7 });
    for (const args of [ingest, live]) {
      const at = args.indexOf('-rtsp_transport');
      expect(args.slice(at, at + input.length)).toEqual(input);
    }
  });
});
