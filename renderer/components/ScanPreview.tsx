import { useEffect, useRef, useState } from 'react';
import { makeStyles, Spinner, Text, tokens, MessageBar, MessageBarBody } from '@fluentui/react-components';
import * as pdfjs from 'pdfjs-dist';
import * as UTIF from 'utif2';
import { ui } from '../i18n';

pdfjs.GlobalWorkerOptions.workerSrc = new URL('pdfjs-dist/build/pdf.worker.min.mjs', import.meta.url).toString();

const useStyles = makeStyles({
  pages: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, alignItems: 'center' },
  page: { maxWidth: '100%', boxShadow: tokens.shadow4, backgroundColor: 'white' },
  caption: { color: tokens.colorNeutralForeground3 },
});

/** Renders every page of a scan as an image: PDF through pdf.js, TIFF through UTIF, JPEG/PNG as is. */
async function renderPages(blob: Blob, width: number): Promise<string[]> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  if (head.includes('%PDF-')) {
    const task = pdfjs.getDocument({ data: bytes });
    const doc = await task.promise;
    const urls: string[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const base = page.getViewport({ scale: 1 });
      const viewport = page.getViewport({ scale: width / base.width });
      const canvas = document.createElement('canvas');
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      await page.render({ canvas, viewport }).promise;
      urls.push(canvas.toDataURL('image/png'));
    }
    await task.destroy();
    return urls;
  }
  const isTiff = (bytes[0] === 0x49 && bytes[1] === 0x49) || (bytes[0] === 0x4d && bytes[1] === 0x4d);
  if (isTiff) {
    const ifds = UTIF.decode(bytes.buffer);
    return ifds.map((ifd) => {
      UTIF.decodeImage(bytes.buffer, ifd);
      const rgba = UTIF.toRGBA8(ifd);
      const canvas = document.createElement('canvas');
      canvas.width = ifd.width;
      canvas.height = ifd.height;
      const ctx = canvas.getContext('2d');
      ctx?.putImageData(new ImageData(new Uint8ClampedArray(rgba), ifd.width, ifd.height), 0, 0);
      return canvas.toDataURL('image/png');
    });
  }
  return [URL.createObjectURL(blob)];
}

export function ScanPreview({ load, title }: { load: (() => Promise<Blob>) | null; title: string }) {
  const s = useStyles();
  const [pages, setPages] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    setPages(null);
    setError(null);
    if (!load) return;
    let live = true;
    const width = Math.max(300, (box.current?.clientWidth ?? 500) - 16);
    load()
      .then((blob) => renderPages(blob, width))
      .then(
        (p) => live && setPages(p),
        () => live && setError('Nie udało się wyświetlić podglądu tego pliku.'),
      );
    return () => {
      live = false;
    };
  }, [load]);
  return (
    <div ref={box} aria-label={`${ui.intake.previewTitle}: ${title}`} role="region">
      {!load && <Text className={s.caption}>{ui.intake.previewEmpty}</Text>}
      {load && !pages && !error && <Spinner label={ui.app.loading} />}
      {error && <MessageBar intent="warning" layout="multiline"><MessageBarBody>{error}</MessageBarBody></MessageBar>}
      {pages && (
        <div className={s.pages}>
          {pages.map((src, i) => (
            <figure key={src.slice(-40) + String(i)} style={{ margin: 0 }}>
              <img className={s.page} src={src} alt={`${title} — strona ${i + 1} z ${pages.length}`} />
              <figcaption className={s.caption}>Strona {i + 1} z {pages.length}</figcaption>
            </figure>
          ))}
        </div>
      )}
    </div>
  );
}
