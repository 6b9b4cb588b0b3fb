// What this phone remembers between visits. The device key lets it update its own declaration;
// the QR token is what venues scan. Neither holds personal data.
const DEVICE_KEY = 'phongdich.deviceKey';
/** The header that carries the device key to the declaration routes. */
export const DEVICE_HEADER = 'X-Device-Key';
const QR_TOKEN = 'phongdich.qrToken';

export function deviceKey(): string | null {
  return localStorage.getItem(DEVICE_KEY);
}

export function qrToken(): string | null {
  return localStorage.getItem(QR_TOKEN);
}

export function remember(qr: string | null, key: string | null): void {
  if (qr) localStorage.setItem(QR_TOKEN, qr);
  if (key) localStorage.setItem(DEVICE_KEY, key);
}
