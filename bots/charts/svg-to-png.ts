import { Resvg } from '@resvg/resvg-js';

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
  const resvg = new Resvg(svg, {
    fitTo: options.width ? { mode: 'width', value: options.width } : { mode: 'original' },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
    background: '#ffffff',
  });
  const image = resvg.render();
  return { png: image.asPng(), width: image.width, height: image.height };
}
