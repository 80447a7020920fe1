// The loading code is tested on a model this test builds: no weights can be downloaded here. The model
// is a hand-encoded ONNX graph (one Gather from an embedding table: input_ids → last_hidden_state), a
// WordLevel tokenizer and a BERT config — enough for the real pipeline to tokenise, pad, run ONNX
// Runtime and mean-pool, so the expected vectors can be computed by hand.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProviderCallError } from './embedding-provider.js';
import { createTransformersEmbedder } from './transformers-embedder.js';

const VOCAB = ['[PAD]', '[UNK]', 'hello', 'world', 'foo', 'bar', 'query', ':', 'passage'];
const HIDDEN = 6;
const TABLE = VOCAB.map((_, row) => Array.from({ length: HIDDEN }, (_, col) => Math.fround(Math.sin(row * 7 + col + 1))));

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'parley-tiny-model-'));
  await writeTinyModel(join(root, 'test', 'tiny-bert'));
  await writeTinyModel(join(root, 'test', 'tiny-e5-small'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

/** Mean of the table rows of the given tokens, scaled to unit length: what the pipeline should return. */
function expected(tokens: string[]): number[] {
  const sum = new Array<number>(HIDDEN).fill(0);
  for (const token of tokens) TABLE[VOCAB.indexOf(token)]!.forEach((x, i) => (sum[i]! += x / tokens.length));
  const norm = Math.hypot(...sum);
  return sum.map((x) => x / norm);
}

describe('createTransformersEmbedder', () => {
  it('fails with a clear, non-retryable error naming the folder when the model is missing', async () => {
    const embedder = createTransformersEmbedder({ model: 'nobody/missing-model', localModelPath: join(root, 'empty') });
    const error = await embedder.embed(['hello'], { kind: 'document' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderCallError);
    const { message, isRetryable } = error as ProviderCallError;
    expect(isRetryable).toBe(false);
    expect(message).toContain(join(root, 'empty', 'nobody', 'missing-model'));
    expect(message).toContain('PARLEY_ALLOW_MODEL_DOWNLOADS=true');
    expect(() => embedder.dimensions).toThrow(/not known/);
  });

  it('reports a broken model folder (config present, weights missing) as a load failure', async () => {
    const folder = join(root, 'broken', 'test', 'no-weights');
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, 'config.json'), JSON.stringify({ model_type: 'bert', hidden_size: HIDDEN }));
    const embedder = createTransformersEmbedder({ model: 'test/no-weights', localModelPath: join(root, 'broken') });
    const error = await embedder.embed(['hello'], { kind: 'document' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderCallError);
    expect((error as ProviderCallError).isRetryable).toBe(false);
    expect((error as ProviderCallError).message).toMatch(/could not be loaded from .*no-weights.*downloads are off/);
  });

  it('embeds with a real pipeline: mean pooling over real tokens, unit length, padding ignored', async () => {
    const embedder = createTransformersEmbedder({ model: 'test/tiny-bert', localModelPath: root });
    expect(await embedder.probeDimensions()).toBe(HIDDEN);
    expect(embedder.dimensions).toBe(HIDDEN);

    const vectors = await embedder.embed(['hello', 'hello world', 'foo bar bar world', 'hello'], { kind: 'document' });
    expect(vectors).toHaveLength(4);
    const close = (v: number[]) => v.map((x) => expect.closeTo(x, 5));
    expect(vectors[0]).toEqual(close(expected(['hello'])));
    expect(vectors[1]).toEqual(close(expected(['hello', 'world'])));
    expect(vectors[2]).toEqual(close(expected(['foo', 'bar', 'bar', 'world'])));
    expect(vectors[3]).toEqual(vectors[0]);
    expect(vectors[0]).not.toEqual(vectors[1]);
    for (const vector of vectors) expect(Math.hypot(...vector)).toBeCloseTo(1, 5);
  });

  it('splits large inputs into batches and keeps their order', async () => {
    const embedder = createTransformersEmbedder({ model: 'test/tiny-bert', localModelPath: root, maxBatchSize: 2 });
    const texts = ['world', 'foo', 'bar', 'hello world', 'foo'];
    const vectors = await embedder.embed(texts, { kind: 'document' });
    expect(vectors).toEqual(texts.map((t) => close(expected(t.split(' ')))));
    expect(vectors[4]).toEqual(vectors[1]);
  });

  it('prefixes queries and passages as configured', async () => {
    const embedder = createTransformersEmbedder({
      model: 'test/tiny-bert',
      localModelPath: root,
      queryPrefix: 'query: ',
      passagePrefix: 'foo ',
    });
    const [query] = await embedder.embed(['hello'], { kind: 'query' });
    const [passage] = await embedder.embed(['hello'], { kind: 'document' });
    expect(query).toEqual(close(expected(['query', ':', 'hello'])));
    expect(passage).toEqual(close(expected(['foo', 'hello'])));
  });

  it('gives e5 models their "query: " and "passage: " prefixes by default', async () => {
    const embedder = createTransformersEmbedder({ model: 'test/tiny-e5-small', localModelPath: root });
    const [query] = await embedder.embed(['hello'], { kind: 'query' });
    const [passage] = await embedder.embed(['hello'], { kind: 'document' });
    expect(query).toEqual(close(expected(['query', ':', 'hello'])));
    expect(passage).toEqual(close(expected(['passage', ':', 'hello'])));
  });
});

function close(vector: number[]) {
  return vector.map((x) => expect.closeTo(x, 5));
}

// --- the tiny model ----------------------------------------------------------------------------------

async function writeTinyModel(folder: string): Promise<void> {
  await mkdir(join(folder, 'onnx'), { recursive: true });
  await writeFile(
    join(folder, 'config.json'),
    JSON.stringify({ model_type: 'bert', architectures: ['BertModel'], hidden_size: HIDDEN, vocab_size: VOCAB.length }),
  );
  await writeFile(
    join(folder, 'tokenizer.json'),
    JSON.stringify({
      version: '1.0',
      truncation: null,
      padding: null,
      added_tokens: [
        { id: 0, content: '[PAD]', single_word: false, lstrip: false, rstrip: false, normalized: false, special: true },
        { id: 1, content: '[UNK]', single_word: false, lstrip: false, rstrip: false, normalized: false, special: true },
      ],
      normalizer: { type: 'Lowercase' },
      pre_tokenizer: { type: 'Whitespace' },
      post_processor: null,
      decoder: null,
      model: { type: 'WordLevel', vocab: Object.fromEntries(VOCAB.map((token, id) => [token, id])), unk_token: '[UNK]' },
    }),
  );
  await writeFile(
    join(folder, 'tokenizer_config.json'),
    JSON.stringify({ tokenizer_class: 'PreTrainedTokenizer', pad_token: '[PAD]', unk_token: '[UNK]', model_max_length: 128 }),
  );
  await writeFile(join(folder, 'onnx', 'model.onnx'), gatherModel());
}

// A minimal protobuf writer for the few ONNX messages the graph needs (field numbers from onnx.proto).
type Bytes = number[];
const varint = (value: number): Bytes => {
  const out: Bytes = [];
  let v = value;
  while (v > 0x7f) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return out;
};
const int = (field: number, value: number): Bytes => [...varint(field << 3), ...varint(value)];
const bytes = (field: number, payload: Bytes | Uint8Array): Bytes => [...varint((field << 3) | 2), ...varint(payload.length), ...payload];
const text = (field: number, value: string): Bytes => bytes(field, new TextEncoder().encode(value));

const FLOAT = 1;
const INT64 = 7;

function tensorType(elemType: number, dims: (number | string)[]): Bytes {
  const shape = dims.flatMap((d) => bytes(1, typeof d === 'number' ? int(1, d) : text(2, d)));
  return bytes(1, [...int(1, elemType), ...bytes(2, shape)]); // TypeProto.tensor_type
}

function gatherModel(): Uint8Array {
  const table = new Float32Array(TABLE.flat());
  const initializer = [
    ...int(1, VOCAB.length),
    ...int(1, HIDDEN),
    ...int(2, FLOAT),
    ...text(8, 'embeddings'),
    ...bytes(9, new Uint8Array(table.buffer)),
  ];
  const node = [
    ...text(1, 'embeddings'),
    ...text(1, 'input_ids'),
    ...text(2, 'last_hidden_state'),
    ...text(3, 'gather'),
    ...text(4, 'Gather'),
  ];
  const graph = [
    ...bytes(1, node),
    ...text(2, 'tiny-bert'),
    ...bytes(5, initializer),
    ...bytes(11, [...text(1, 'input_ids'), ...bytes(2, tensorType(INT64, ['batch', 'sequence']))]),
    ...bytes(12, [...text(1, 'last_hidden_state'), ...bytes(2, tensorType(FLOAT, ['batch', 'sequence', HIDDEN]))]),
  ];
  const model = [...int(1, 8), ...text(2, 'parley-test'), ...bytes(7, graph), ...bytes(8, [...text(1, ''), ...int(2, 13)])];
  return Uint8Array.from(model);
}
