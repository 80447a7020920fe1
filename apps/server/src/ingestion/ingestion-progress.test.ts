import { describe, expect, it } from 'vitest';
import { IngestionProgress, progressStages, stageProgress } from './ingestion-progress.js';

function recorder(opts: { alive?: boolean } = {}) {
  let clock = 0;
  const stored: number[] = [];
  const published: number[] = [];
  const progress = new IngestionProgress(
    {
      store: async (value) => {
        stored.push(value);
        return opts.alive ?? true;
      },
      publish: (value) => published.push(value),
    },
    { start: 0.01, intervalMs: 250, now: () => clock },
  );
  return {
    progress,
    stored,
    published,
    advance: (ms: number) => (clock += ms),
  };
}

describe('stageProgress', () => {
  it('lays the stages end to end, between claimed and indexed', () => {
    const slices = Object.values(progressStages);
    expect(slices[0]![0]).toBeGreaterThan(0.01);
    for (let i = 1; i < slices.length; i++) expect(slices[i]![0]).toBe(slices[i - 1]![1]);
    expect(slices.at(-1)![1]).toBeLessThan(1);
    expect(stageProgress('embed', 0)).toBe(0.25);
    expect(stageProgress('embed', 0.5)).toBe(0.5);
    expect(stageProgress('embed', 2)).toBe(0.75);
  });
});

describe('IngestionProgress', () => {
  it('stores and publishes a value that moves the percentage forward', async () => {
    const r = recorder();
    await r.progress.stage('embed', 0.5);
    expect(r.stored).toEqual([0.5]);
    expect(r.published).toEqual([0.5]);
    expect(r.progress.value).toBe(0.5);
  });

  it('writes nothing when the percentage does not move, or moves back', async () => {
    const r = recorder();
    await r.progress.report(0.4);
    r.advance(1000);
    await r.progress.report(0.404);
    await r.progress.report(0.3);
    expect(r.stored).toEqual([0.4]);
  });

  it('keeps to one update per interval, except at stage boundaries', async () => {
    const r = recorder();
    await r.progress.report(0.3);
    r.advance(100);
    await r.progress.report(0.35); // too soon: dropped
    await r.progress.stage('prepare', 0, { milestone: true });
    r.advance(100);
    await r.progress.report(0.85); // too soon after the milestone
    r.advance(200);
    await r.progress.report(0.86);
    expect(r.stored).toEqual([0.3, 0.75, 0.86]);
    expect(r.published).toEqual([0.3, 0.75, 0.86]);
  });

  it('never reports 1: only the write that marks the document indexed does', async () => {
    const r = recorder();
    await r.progress.stage('write', 1);
    r.advance(1000);
    await r.progress.report(1);
    expect(r.stored).toEqual([0.99]);
  });

  it('publishes without storing when told to', async () => {
    const r = recorder();
    await r.progress.stage('write', 0.5, { store: false });
    expect(r.stored).toEqual([]);
    expect(r.published).toEqual([0.89]);
  });

  it('publishes nothing once the document is no longer this worker’s', async () => {
    const r = recorder({ alive: false });
    await r.progress.report(0.5);
    expect(r.stored).toEqual([0.5]);
    expect(r.published).toEqual([]);
  });
});
