// Empty on purpose: the bench waits for this worker to know the extension is loaded before it
// opens a page.
