// Reads the multilingual QA sets in /work/shared/eval/qa (see its README): passages and questions per language.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { evalDir } from './paths.js';

export const evalLanguages = ['he', 'fa', 'ru', 'pt', 'en'] as const;
export type EvalLanguage = (typeof evalLanguages)[number];

export interface Passage {
  id: string;
  title: string;
  text: string;
}

export interface Question {
  id: string;
  question: string;
  answers: string[];
  passage_id: string;
}

async function readJsonl<T>(path: string): Promise<T[]> {
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch (err) {
    throw new Error(`cannot read ${path} (set PARLEY_EVAL_DIR to the eval/qa folder): ${(err as Error).message}`);
  }
  return raw
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as T);
}

export async function loadQa(lang: string): Promise<{ passages: Passage[]; questions: Question[] }> {
  const [passages, questions] = await Promise.all([
    readJsonl<Passage>(join(evalDir, lang, 'passages.jsonl')),
    readJsonl<Question>(join(evalDir, lang, 'questions.jsonl')),
  ]);
  return { passages, questions };
}
