import { useEffect, useRef, useState } from 'react';
import { makeStyles, Spinner, Text, tokens, MessageBar, MessageBarBody } from '@fluentui/react-components';
import * as pdfjs from 'pdfjs-dist';
import * as UTIF from 'utif2';
import { ui } from '../i18n';
import { fitScale, pagesToDraw, PDF_PREVIEW_OPTIONS, PREVIEW_MAX_BYTES, tiffPageAllowed } from './previewLimits';

pdfjs.GlobalWorkerOptions.workerSrc = new URL('pdfjs-dist/build/pdf.worker.min.mjs', import.meta.url).toString();

const useStyles = makeStyles({
  pages: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, alignItems: 'center' },
  page: { maxWidth: '100%', boxShadow: tokens.shadow4, backgroundColor: 'white' },
  caption: { color: tokens.colorNeutralForeground3 },
});

/** What the preview drew: one image per page (or a note where a page was too large), and the file's page count. */
type Drawn = { pages: { src: string | null }[]; total: number };

function canvasOf(width: number, height: number): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = Math.floor(width);
  canvas.height = Math.floor(height);
  return canvas;
}

/**
 * Renders the first pages of a scan as images: PDF through pdf.js, TIFF through UTIF, JPEG/PNG
 * as is — within the limits of previewLimits.ts (a crafted file gets a sentence, not a hang).
 */
async function renderPages(blob: Blob, width: number): Promise<Drawn> {
  if (blob.size > PREVIEW_MAX_BYTES) throw new PreviewRefused(ui.intake.previewTooLarge(Math.round(blob.size / 1024 / 1024)));
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  if (head.includes('%PDF-')) {
    const task = pdfjs.getDocument({ data: bytes, ...PDF_PREVIEW_OPTIONS });
    try {
      const doc = await task.promise;
      const pages: Drawn['pages'] = [];
      for (let i = 1; i <= pagesToDraw(doc.numPages); i++) {
        const page = await doc.getPage(i);
        const base = page.getViewport({ scale: 1 });
        const scale = fitScale(base.width, base.height, width);
        if (scale === null) {
          pages.push({ src: null });
          continue;
        }
        const viewport = page.getViewport({ scale });
        const canvas = canvasOf(viewport.width, viewport.height);
        await page.render({ canvas, viewport }).promise;
        pages.push({ src: canvas.toDataURL('image/png') });
      }
      return { pages, total: doc.numPages };
    } finally {
      await task.destroy();
    }
  }
  const isTiff = (bytes[0] === 0x49 && bytes[1] === 0x49) || (bytes[0] === 0x4d && bytes[1] === 0x4d);
  if (isTiff) {
    const ifds = UTIF.decode(bytes.buffer);
    const pages = ifds.slice(0, pagesToDraw(ifds.length)).map((ifd) => {
      // The size is read from the page's tags before anything is decoded: a forged 100 000 × 100 000 page is not.
      const w = tagNumber(ifd.t256);
      const h = tagNumber(ifd.t257);
      if (!tiffPageAllowed(w, h)) return { src: null };
      UTIF.decodeImage(bytes.buffer, ifd);
      const rgba = UTIF.toRGBA8(ifd);
      const canvas = canvasOf(ifd.width, ifd.height);
      canvas.getContext('2d')?.putImageData(new ImageData(new Uint8ClampedArray(rgba), ifd.width, ifd.height), 0, 0);
      return { src: canvas.toDataURL('image/png') };
    });
    return { pages, total: ifds.length };
  }
  return { pages: [{ src: URL.createObjectURL(blob) }], total: 1 };
}

/** A TIFF tag's first number (ImageWidth is t256, ImageLength t257); 0 when absent. */
function tagNumber(tag: unknown): number {
  const first: unknown = Array.isArray(tag) || ArrayBuffer.isView(tag) ? (tag as ArrayLike<unknown>)[0] : tag;
  return typeof first === 'number' ? first : 0;
}

/** A file the preview will not draw, with the sentence that says why. */
class PreviewRefused extends Error {}

export function ScanPreview({ load, title }: { load: (() => Promise<Blob>) | null; title: string }) {
  const s = useStyles();
  const [drawn, setDrawn] = useState<Drawn | null>(null);
  const [error, setError] = useState<string | null>(null);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    setDrawn(null);
    setError(null);
    if (!load) return;
    let live = true;
    const width = Math.max(300, (box.current?.clientWidth ?? 500) - 16);
    load()
      .then((blob) => renderPages(blob, width))
      .then(
        (d) => live && setDrawn(d),
        (e: unknown) => live && setError(e instanceof PreviewRefused ? e.message : ui.intake.previewFailed),
      );
    return () => {
      live = false;
    };
  }, [load]);
  return (
    <div ref={box} aria-label={`${ui.intake.previewTitle}: ${title}`} role="region">
      {!load && <Text className={s.caption}>{ui.intake.previewEmpty}</Text>}
      {load && !drawn && !error && <Spinner label={ui.app.loading} />}
      {error && <MessageBar intent="warning" layout="multiline"><MessageBarBody>{error}</MessageBarBody></MessageBar>}
      {drawn && (
        <div className={s.pages}>
          {drawn.pages.map((page, i) => (
            <figure key={`${String(i)}-${page.src?.slice(-40) ?? ''}`} style={{ margin: 0 }}>
              {page.src === null ? (
                <Text className={s.caption}>{ui.intake.previewPageTooLarge(i + 1)}</Text>
              ) : (
                <img className={s.page} src={page.src} alt={`${title} — ${ui.intake.previewPage(i + 1, drawn.total).toLowerCase()}`} />
              )}
              <figcaption className={s.caption}>{ui.intake.previewPage(i + 1, drawn.total)}</figcaption>
            </figure>
          ))}
          {drawn.pages.length < drawn.total && (
            <MessageBar intent="info" layout="multiline">
              <MessageBarBody>{ui.intake.previewFirstPages(drawn.pages.length, drawn.total)}</MessageBarBody>
            </MessageBar>
          )}
        </div>
      )}
    </div>
  );
}
