import { useEffect, useState } from 'preact/hooks';

/**
 * Ctrl+F / ⌘F moves to the reader's own find field while a document is open (`enabled`),
 * instead of the browser's find bar, which cannot search the rendered pages' text.
 */
export function useFindShortcut(enabled: boolean, findRef: { current: HTMLInputElement | null }): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'f' && enabled) {
        event.preventDefault();
        findRef.current?.focus();
        findRef.current?.select();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [enabled]);
}

/**
 * Drag and drop of a local file anywhere on the reader's page: calls `onFile` with the first
 * dropped file. Returns true while a file is dragged over the page (false when none is, and
 * after a drop without a file).
 */
export function useFileDrop(onFile: (file: File) => void): boolean {
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    const over = (event: DragEvent) => {
      event.preventDefault();
      setDragging(true);
    };
    const leave = (event: DragEvent) => {
      if (event.relatedTarget === null) setDragging(false);
    };
    const drop = (event: DragEvent) => {
      event.preventDefault();
      setDragging(false);
      const file = event.dataTransfer?.files?.[0];
      if (file) onFile(file);
    };
    document.addEventListener('dragover', over);
    document.addEventListener('dragleave', leave);
    document.addEventListener('drop', drop);
    return () => {
      document.removeEventListener('dragover', over);
      document.removeEventListener('dragleave', leave);
      document.removeEventListener('drop', drop);
    };
  }, []);
  return dragging;
}
