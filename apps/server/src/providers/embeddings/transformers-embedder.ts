// Local neural embeddings in-process with @huggingface/transformers (ONNX Runtime on the CPU): a
// sentence-embedding model (default multilingual-e5-small) run through the feature-extraction pipeline
// with mean pooling and L2 normalisation. The library and the model load lazily, on first use, so a
// server that embeds with another provider never loads ONNX Runtime.
//
// Downloads are off by default: model files are read from `localModelPath/<model>/` (config.json,
// tokenizer.json, tokenizer_config.json, onnx/model.onnx — or model_quantized.onnx for dtype q8). With
// allowRemoteModels the files are fetched from the Hugging Face hub once and kept in cacheDir, which
// defaults to localModelPath, so the next start finds them offline.
//
// The library keeps its settings in one global `env`; each load sets them from this embedder's options
// (never from process.env) and loads are serialised, so two embedders with different folders do not mix.
import { access } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { ProviderCallError, type EmbedOptions, type EmbeddingProvider } from './embedding-provider.js';

export type TransformersDtype = 'fp32' | 'fp16' | 'q8' | 'int8' | 'uint8' | 'q4' | 'bnb4' | 'q4f16';

export interface TransformersEmbedderOptions {
  /** Hugging Face model id (`Xenova/multilingual-e5-small`) or a folder path. */
  readonly model?: string;
  /** Folder holding `<model>/…` (default `./models` under the working directory). */
  readonly localModelPath?: string;
  /** Where downloads are kept (default: localModelPath). */
  readonly cacheDir?: string;
  readonly allowRemoteModels?: boolean;
  /** Weights variant; fp32 (`onnx/model.onnx`) when absent. */
  readonly dtype?: TransformersDtype;
  /** Defaults to "query: " / "passage: " for e5 models, nothing for others. */
  readonly queryPrefix?: string;
  readonly passagePrefix?: string;
  /** Texts per forward pass. */
  readonly maxBatchSize?: number;
}

export interface TransformersEmbedder extends EmbeddingProvider {
  /** Loads the model (once) and returns its vector length. */
  probeDimensions(): Promise<number>;
}

export const DEFAULT_TRANSFORMERS_MODEL = 'Xenova/multilingual-e5-small';

type Extractor = (texts: string[], options: { pooling: 'mean'; normalize: boolean }) => Promise<{ dims: number[]; tolist(): unknown }>;

export function createTransformersEmbedder(options: TransformersEmbedderOptions = {}): TransformersEmbedder {
  const model = options.model ?? DEFAULT_TRANSFORMERS_MODEL;
  const localModelPath = resolve(options.localModelPath ?? 'models');
  const cacheDir = resolve(options.cacheDir ?? localModelPath);
  const allowRemoteModels = options.allowRemoteModels ?? false;
  const isE5 = /(^|[^a-z0-9])e5([^a-z0-9]|$)/i.test(model);
  const queryPrefix = options.queryPrefix ?? (isE5 ? 'query: ' : '');
  const passagePrefix = options.passagePrefix ?? (isE5 ? 'passage: ' : '');
  const maxBatchSize = options.maxBatchSize ?? 32;

  let dimensions: number | undefined;
  let loading: Promise<Extractor> | undefined;

  function load(): Promise<Extractor> {
    loading ??= serialised(() => loadExtractor()).then(
      async (extractor) => {
        const probe = await extractor(['dimension probe'], { pooling: 'mean', normalize: true });
        dimensions = probe.dims.at(-1);
        return extractor;
      },
      (error: unknown) => {
        loading = undefined; // the files may be installed before the next try
        throw error;
      },
    );
    return loading;
  }

  async function loadExtractor(): Promise<Extractor> {
    const folders = isAbsolute(model) || model.startsWith('.') ? [resolve(model)] : [join(localModelPath, model), join(cacheDir, model)];
    if (!allowRemoteModels && !(await anyExists(folders.map((folder) => join(folder, 'config.json'))))) {
      throw new ProviderCallError(
        `embedding model "${model}" is not installed: no config.json in ${[...new Set(folders)].join(' or ')}, and model downloads ` +
          `are off. Copy the model's files there (config.json, tokenizer.json, tokenizer_config.json, onnx/model.onnx), or allow ` +
          `downloads from the Hugging Face hub (PARLEY_ALLOW_MODEL_DOWNLOADS=true) to fetch them into ${cacheDir}.`,
        false,
      );
    }
    const transformers = await import('@huggingface/transformers');
    const { env } = transformers;
    env.allowLocalModels = true;
    env.allowRemoteModels = allowRemoteModels;
    env.localModelPath = localModelPath.endsWith('/') ? localModelPath : `${localModelPath}/`;
    env.cacheDir = cacheDir;
    env.useFSCache = true;
    try {
      const extractor = await transformers.pipeline('feature-extraction', model, {
        dtype: options.dtype ?? 'fp32',
        device: 'cpu',
        local_files_only: !allowRemoteModels,
      });
      return extractor as unknown as Extractor;
    } catch (cause) {
      const detail = cause instanceof Error ? cause.message : String(cause);
      throw new ProviderCallError(
        `embedding model "${model}" could not be loaded from ${folders[0]}` +
          `${allowRemoteModels ? ' or the Hugging Face hub' : ' (downloads are off)'}: ${detail}`,
        false,
        undefined,
        { cause },
      );
    }
  }

  return {
    specificationVersion: 'v1',
    provider: 'transformers',
    model,
    get dimensions(): number {
      if (dimensions === undefined)
        throw new Error(`the vector length of ${model} is not known until the model loads: await probeDimensions()`);
      return dimensions;
    },
    maxEmbeddingsPerCall: maxBatchSize,
    // One ONNX session already uses every core; parallel calls would only queue inside it.
    supportsParallelCalls: false,
    async embed(texts: readonly string[], embedOptions: EmbedOptions): Promise<number[][]> {
      if (texts.length === 0) return [];
      embedOptions.signal?.throwIfAborted();
      const extractor = await load();
      const prefix = embedOptions.kind === 'query' ? queryPrefix : passagePrefix;
      const vectors: number[][] = [];
      for (let start = 0; start < texts.length; start += maxBatchSize) {
        embedOptions.signal?.throwIfAborted();
        const batch = texts.slice(start, start + maxBatchSize).map((text) => prefix + text);
        const output = await extractor(batch, { pooling: 'mean', normalize: true });
        vectors.push(...(output.tolist() as number[][]));
      }
      return vectors;
    },
    async probeDimensions(): Promise<number> {
      await load();
      return dimensions!;
    },
  };
}

let queue: Promise<unknown> = Promise.resolve();

/** Runs loads one after another: each sets the library's global env before it loads. */
function serialised<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task);
  queue = run.catch(() => undefined);
  return run;
}

async function anyExists(paths: readonly string[]): Promise<boolean> {
  for (const path of paths) {
    try {
      await access(path);
      return true;
    } catch {
      // try the next
    }
  }
  return false;
}
