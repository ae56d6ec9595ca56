// Runs an ONNX model once with the project's onnxruntime-node (the runtime the engine uses; Debian has no Python
// onnxruntime), for the training scripts' checks:
//   node models/training/ort-run.mjs MODEL.onnx INPUT.f32 N,C,H,W OUTPUT.f32
// INPUT.f32 is raw little-endian float32 for the model's first input; OUTPUT.f32 receives its first output, and
// the output's dimensions are printed as JSON on stdout. One intra-op thread.
import { readFileSync, writeFileSync } from 'node:fs';
import ort from 'onnxruntime-node';

const [model, input, dims, output] = process.argv.slice(2);
if (!model || !input || !dims || !output) {
  process.stderr.write('usage: ort-run.mjs MODEL.onnx INPUT.f32 N,C,H,W OUTPUT.f32\n');
  process.exit(2);
}
const shape = dims.split(',').map(Number);
const bytes = readFileSync(input);
const data = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
const session = await ort.InferenceSession.create(model, { intraOpNumThreads: 1, interOpNumThreads: 1 });
const result = await session.run({ [session.inputNames[0]]: new ort.Tensor('float32', data, shape) });
const out = result[session.outputNames[0]];
writeFileSync(output, Buffer.from(out.data.buffer, out.data.byteOffset, out.data.byteLength));
process.stdout.write(
  `${JSON.stringify({ input: session.inputNames[0], output: session.outputNames[0], dims: out.dims })}\n`,
);
