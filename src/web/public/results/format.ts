// Times on the result page as the citizen reads them on a paper result: dd/MM/yyyy HH:mm, Vietnam time.
const fmt = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Ho_Chi_Minh',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

export function dateTime(iso: string): string {
  return fmt.format(new Date(iso)).replace(',', '');
}
