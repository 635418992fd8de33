import type { PDFDocumentLoadingTask } from 'pdfjs-dist';
// The legacy build: the modern one calls APIs only the newest browsers have (Map
// getOrInsertComputed, Promise.try) without polyfills; this one carries them, for the browsers
// the manifests admit.
import * as pdfjsLib from 'pdfjs-dist/legacy/build/pdf.mjs';
import 'pdfjs-dist/legacy/web/pdf_viewer.css';
import { browser } from '../../lib/browser.ts';

/*
 * pdf.js and its viewer components, wired for the reader. Everything pdf.js loads at run time
 * (worker, character maps, standard fonts, image decoders) is a file of the extension's own
 * package, copied there by the build (wxt.config.ts), so nothing is fetched from elsewhere.
 */

// Widened: WXT types `getURL` with the files it knows, and these are copied by a build hook.
const getURL = browser.runtime.getURL as (path: string) => string;

export type ViewerModule = typeof import('pdfjs-dist/legacy/web/pdf_viewer.mjs');

export interface ReaderViewer {
  pdfjs: typeof pdfjsLib;
  components: ViewerModule;
  eventBus: InstanceType<ViewerModule['EventBus']>;
  viewer: InstanceType<ViewerModule['PDFViewer']>;
  linkService: InstanceType<ViewerModule['PDFLinkService']>;
  findController: InstanceType<ViewerModule['PDFFindController']>;
}

/**
 * Creates the viewer in `container` (a positioned, scrolling element) around `viewerElement`.
 * Rejects only when the viewer module cannot be loaded.
 */
export async function createViewer(container: HTMLDivElement, viewerElement: HTMLDivElement): Promise<ReaderViewer> {
  // The viewer components read pdf.js from this global rather than importing it.
  (globalThis as { pdfjsLib?: unknown }).pdfjsLib = pdfjsLib;
  const components = await import('pdfjs-dist/legacy/web/pdf_viewer.mjs');
  pdfjsLib.GlobalWorkerOptions.workerSrc = getURL('/pdfjs/pdf.worker.min.mjs');
  const eventBus = new components.EventBus();
  const linkService = new components.PDFLinkService({
    eventBus,
    // Links inside a PDF open in a new tab, never in place of the reader.
    externalLinkTarget: components.LinkTarget.BLANK,
    externalLinkRel: 'noopener noreferrer nofollow',
  });
  const findController = new components.PDFFindController({ eventBus, linkService });
  const viewer = new components.PDFViewer({
    // Both must be divs: the viewer checks.
    container,
    viewer: viewerElement,
    eventBus,
    linkService,
    findController,
    // No scripting, no forms editing, no annotation editor: a reader.
    annotationEditorMode: pdfjsLib.AnnotationEditorType.DISABLE,
  });
  linkService.setViewer(viewer);
  return { pdfjs: pdfjsLib, components, eventBus, viewer, linkService, findController };
}

/** Starts loading the PDF in `data` with the package's own fonts, maps and decoders. */
export function loadDocument(data: Uint8Array): PDFDocumentLoadingTask {
  return pdfjsLib.getDocument({
    data,
    cMapUrl: getURL('/pdfjs/cmaps/'),
    cMapPacked: true,
    standardFontDataUrl: getURL('/pdfjs/standard_fonts/'),
    wasmUrl: getURL('/pdfjs/wasm/'),
    iccUrl: getURL('/pdfjs/iccs/'),
    isEvalSupported: false,
    // pdf.js would otherwise warn in the console about fonts and structures it works around.
    verbosity: pdfjsLib.VerbosityLevel.ERRORS,
  });
}
