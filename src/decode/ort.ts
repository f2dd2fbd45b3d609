// The slice of the onnxruntime API the decoder uses. onnxruntime-node (CLI, evaluator) and
// onnxruntime-web (the Worker) both satisfy it, so the decoder takes the namespace as a value
// and never imports either package itself.

export type TensorType = "float32" | "int64";
export type TensorData = Float32Array | BigInt64Array;

export interface OrtTensor {
  readonly type: string;
  readonly dims: readonly number[];
  readonly data: unknown;
}

export interface OrtSession {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  run(feeds: Record<string, OrtTensor>): Promise<Record<string, OrtTensor>>;
  release?(): Promise<void>;
}

export interface OrtSessionOptions {
  intraOpNumThreads?: number;
  interOpNumThreads?: number;
  executionProviders?: string[];
  graphOptimizationLevel?: "disabled" | "basic" | "extended" | "all";
}

/** `import * as ort from "onnxruntime-node"` (or `"onnxruntime-web/wasm"`) fits this. */
export interface Ort {
  Tensor: new (type: TensorType, data: TensorData, dims: readonly number[]) => OrtTensor;
  InferenceSession: {
    // A path (Node) or the model bytes (both).
    create(model: string | Uint8Array, options?: OrtSessionOptions): Promise<OrtSession>;
  };
}
