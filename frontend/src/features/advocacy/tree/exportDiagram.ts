/**
 * Exports the diagram as it is drawn, in the browser: SVG (the element, self-contained) and PNG
 * (that SVG drawn on a canvas at twice the size). Khmer needs a Khmer font wherever the file is
 * opened, and an SVG drawn as an image may not load any font from outside: the app's bundled
 * Noto Sans Khmer is embedded (as data) whenever the diagram holds Khmer text.
 */
import khmerBold from '@fontsource/noto-sans-khmer/files/noto-sans-khmer-khmer-700-normal.woff2?url';
import khmerRegular from '@fontsource/noto-sans-khmer/files/noto-sans-khmer-khmer-400-normal.woff2?url';

const SVG_NS = 'http://www.w3.org/2000/svg';
const KHMER = /[\u1780-\u17FF\u19E0-\u19FF]/;
const KHMER_RANGE = 'U+1780-17FF,U+19E0-19FF,U+200C-200D,U+25CC';

/** The app's font stacks (app/global.css), Khmer first: it covers only Khmer, the rest falls through. */
export function diagramFontFamily(): string {
  const styles = typeof document !== 'undefined' ? getComputedStyle(document.documentElement) : null;
  const khmer = styles?.getPropertyValue('--font-khmer').trim() || "'Noto Sans Khmer', 'Khmer OS System', 'Khmer OS', sans-serif";
  const latin = styles?.getPropertyValue('--font-latin').trim() || "system-ui, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif";
  // Khmer families first without their generic fallback, then the Latin stack (which ends in sans-serif).
  const khmerFamilies = khmer
    .split(',')
    .map((family) => family.trim())
    .filter((family) => family && family !== 'sans-serif');
  return [...khmerFamilies, latin].join(', ');
}

function toBase64(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

let fontCss: Promise<string> | null = null;

function embeddedKhmerFont(): Promise<string> {
  fontCss ??= Promise.all(
    [
      [khmerRegular, 400],
      [khmerBold, 700],
    ].map(async ([url, weight]) => {
      try {
        const response = await fetch(String(url));
        if (!response.ok) return '';
        const data = toBase64(await response.arrayBuffer());
        return `@font-face{font-family:'Noto Sans Khmer';font-style:normal;font-weight:${weight};src:url(data:font/woff2;base64,${data}) format('woff2');unicode-range:${KHMER_RANGE};}`;
      } catch {
        // Without the embedded font, the viewer's own Khmer font (if any) is used.
        return '';
      }
    }),
  ).then((faces) => faces.join(''));
  return fontCss;
}

/** A standalone SVG document of the diagram (white background, fonts named and embedded). */
export async function svgDocument(
  svg: SVGSVGElement,
  title: string,
): Promise<{ markup: string; width: number; height: number }> {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const width = svg.viewBox.baseVal?.width || Number(svg.getAttribute('width')) || 800;
  const height = svg.viewBox.baseVal?.height || Number(svg.getAttribute('height')) || 600;
  copy.setAttribute('xmlns', SVG_NS);
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  copy.removeAttribute('class');
  copy.removeAttribute('style');
  // Interactive leftovers (drop highlights, drag ghosts) are not part of the picture.
  copy.querySelectorAll('[data-export="skip"]').forEach((element) => element.remove());

  const needsKhmer = KHMER.test(svg.textContent ?? '');
  const style = document.createElementNS(SVG_NS, 'style');
  style.textContent = `${needsKhmer ? await embeddedKhmerFont() : ''}text{font-family:${diagramFontFamily()};}`;
  const titleElement = document.createElementNS(SVG_NS, 'title');
  titleElement.textContent = title;
  const background = document.createElementNS(SVG_NS, 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', '#ffffff');
  copy.insertBefore(background, copy.firstChild);
  copy.insertBefore(style, copy.firstChild);
  copy.insertBefore(titleElement, copy.firstChild);
  const markup = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}`;
  return { markup, width, height };
}

/** A file name from the tree's title (Khmer letters kept; what file systems dislike replaced). */
export function exportFileName(title: string, extension: 'svg' | 'png'): string {
  const printable = Array.from(title, (char) => (char.charCodeAt(0) < 32 ? ' ' : char)).join('');
  const base = printable.replace(/[\\/:*?"<>|]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 80) || 'problem-tree';
  return `${base}.${extension}`;
}

function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export async function downloadSvg(svg: SVGSVGElement, title: string): Promise<void> {
  const { markup } = await svgDocument(svg, title);
  download(new Blob([markup], { type: 'image/svg+xml;charset=utf-8' }), exportFileName(title, 'svg'));
}

export async function downloadPng(svg: SVGSVGElement, title: string, scale = 2): Promise<void> {
  const { markup, width, height } = await svgDocument(svg, title);
  const url = URL.createObjectURL(new Blob([markup], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const image = new Image();
    image.decoding = 'sync';
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('The diagram could not be drawn.'));
      image.src = url;
    });
    // Browsers cap canvas sizes (~16k px a side, less on phones): shrink the scale for huge trees.
    const safeScale = Math.max(0.5, Math.min(scale, 8000 / Math.max(width, height)));
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * safeScale);
    canvas.height = Math.round(height * safeScale);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('No canvas.');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.scale(safeScale, safeScale);
    context.drawImage(image, 0, 0, width, height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error('No image.');
    download(blob, exportFileName(title, 'png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}
