/** The onnxruntime binding. Other vision modules get the runtime from here so the native load happens once. */
import * as ort from 'onnxruntime-node';

export { ort };

export function onnxRuntimeVersion(): string {
  return ort.env.versions.node ?? ort.env.versions.common;
}
