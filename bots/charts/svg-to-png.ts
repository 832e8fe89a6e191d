import { createRequire } from 'node:module';
import type * as ResvgModule from '@resvg/resvg-js';

// Loaded on the first chart, not at start: a native module most processes never use (7 MB resident).
let resvgModule: typeof ResvgModule | undefined;
const loadResvg = () => (resvgModule ??= createRequire(import.meta.url)('@resvg/resvg-js') as typeof ResvgModule);

export interface RenderedPng {
  png: Buffer;
  width: number;
  height: number;
}

/**
 * Rasterises an SVG with resvg (Rust, prebuilt): charts render server-side with no browser.
 * System fonts are loaded so labels show; a host without fonts still gets bars, just no text.
 */
export function svgToPng(svg: string, options: { width?: number } = {}): RenderedPng {
  const resvg = new (loadResvg().Resvg)(svg, {
    fitTo: options.width ? { mode: 'width', value: options.width } : { mode: 'original' },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
    background: '#ffffff',
  });
  const image = resvg.render();
  return { png: image.asPng(), width: image.width, height: image.height };
}
