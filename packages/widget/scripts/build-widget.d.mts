// Types of build-widget.mjs, for the bundle-size test (the widget's tsconfig has no Node types).
export declare const GZIP_BUDGET_BYTES: number;
export declare const entryPoint: string;
export declare const outfile: string;
export interface WidgetBuild {
  /** The minified IIFE. */
  readonly code: string;
  /** Bytes: as written, gzip -9, brotli q11. */
  readonly sizes: { readonly raw: number; readonly gzip: number; readonly brotli: number };
  readonly warnings: readonly string[];
}
/** Bundles in memory; with `write`, also writes the script to `to` (default: `outfile`). */
export declare function buildWidget(options?: { write?: boolean; to?: string }): Promise<WidgetBuild>;
