/** Prints one element (a manifest) through the browser's print dialog: HTML + print CSS. */
export function printElement(element: HTMLElement | null): void {
  if (!element) return;
  element.classList.add('print-only');
  document.body.classList.add('printing');
  const done = () => {
    element.classList.remove('print-only');
    document.body.classList.remove('printing');
    window.removeEventListener('afterprint', done);
  };
  window.addEventListener('afterprint', done);
  window.print();
}
