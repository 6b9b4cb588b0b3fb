/**
 * The CSV template offered to labs: the column names the server reads, in the reader's language.
 * The byte-order mark makes Excel open it as UTF-8 (the server accepts it with or without).
 */
export function templateCsv(headers: string): string {
  return `\uFEFF${headers}\r\n`;
}

export function downloadText(text: string, name: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
