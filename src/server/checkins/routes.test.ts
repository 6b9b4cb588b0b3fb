import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.js';
import { signer } from '../auth/signing.js';
import { venueToken } from './service.js';
import { checkinCount, checkinFixture, minutesAgo, venueIn, type CheckinFixture } from './test-helpers.js';

describe('check-in HTTP routes', () => {
  let f: CheckinFixture;
  let app: FastifyInstance;
  let commune: string;
  let token: string;

  async function signIn(username: string): Promise<string> {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'mat-khau-thu-nghiem' } });
    expect(res.statusCode).toBe(200);
    return `pd_session=${res.cookies.find((c) => c.name === 'pd_session')!.value}`;
  }

  beforeAll(async () => {
    f = await checkinFixture(2);
    app = await buildApp({ handle: f.h });
    commune = await signIn(f.commune.username);
    token = await venueToken(f.h.db, f.venueId);
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await f.h.close();
  });

  it('answers form errors naming the field, in Vietnamese or English', async () => {
    const payload = { ...venueIn(f.units.hongHa), managerPhone: '12' };
    const vi = await app.inject({ method: 'POST', url: '/api/checkins/venues', headers: { cookie: commune }, payload });
    expect(vi.statusCode).toBe(400);
    expect(vi.json()).toEqual({ error: { code: 'validation', field: 'managerPhone', message: 'Số điện thoại không hợp lệ' } });
    const en = await app.inject({ method: 'POST', url: '/api/checkins/venues', headers: { cookie: commune, 'accept-language': 'en' }, payload });
    expect(en.json()).toEqual({ error: { code: 'validation', field: 'managerPhone', message: 'The phone number is not valid' } });
    const future = { venueToken: token, personalQrToken: f.local[0].token, at: new Date(Date.now() + 3_600_000).toISOString() };
    const late = await app.inject({ method: 'POST', url: '/api/public/checkins', headers: { 'x-lang': 'en' }, payload: future });
    expect(late.json()).toEqual({ error: { code: 'validation', field: 'at', message: "The check-in time cannot be in the future; check the device's clock" } });
    const forged = await app.inject({ method: 'POST', url: '/api/public/checkins', payload: { venueToken: token + 'x', personalQrToken: f.local[0].token } });
    expect(forged.json()).toEqual({ error: { code: 'validation', field: 'venueToken', message: 'Mã QR địa điểm không hợp lệ hoặc đã bị sửa đổi' } });
    const missing = await app.inject({ method: 'POST', url: '/api/public/checkins', headers: { 'x-lang': 'en' }, payload: { venueToken: token } });
    expect(missing.json().error).toMatchObject({ code: 'validation', field: 'personalQrToken' });
  });

  it('runs the citizen flow: venue page, one-tap check-in, repeat, check-out', async () => {
    const page = await app.inject({ method: 'GET', url: `/api/public/checkins/venues/${token}` });
    expect(page.json()).toMatchObject({ id: f.venueId, name: 'Chợ Hạ Long 1', communeName: 'Phường Hồng Hà' });
    const body = { venueToken: token, personalQrToken: f.local[1].token };
    const first = await app.inject({ method: 'POST', url: '/api/public/checkins', payload: body });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ venueId: f.venueId, repeated: false });
    const again = await app.inject({ method: 'POST', url: '/api/public/checkins', payload: body });
    expect(again.json()).toMatchObject({ visitId: first.json().visitId, repeated: true });
    const out = await app.inject({ method: 'POST', url: '/api/public/checkins/checkout', payload: body });
    expect(out.json().checkedOutAt).not.toBeNull();
  });

  it('answers a QR the batch finds unknown or a venue it finds suspended with the same field-named errors', async () => {
    const unknownQr = (await signer(f.h.db, 'personal-qr')).sign('ZZZZZZZZZZZZZZZZ');
    const unknown = await app.inject({ method: 'POST', url: '/api/public/checkins', headers: { 'x-lang': 'en' }, payload: { venueToken: token, personalQrToken: unknownQr } });
    expect([unknown.statusCode, unknown.json()]).toEqual([400, { error: { code: 'validation', field: 'personalQrToken', message: 'The personal QR code is not valid, was altered or was revoked' } }]);
    const closed = await app.inject({ method: 'POST', url: '/api/checkins/venues', headers: { cookie: commune }, payload: venueIn(f.units.hongHa, { name: 'Quán karaoke Sao Biển', type: 'karaoke' }) });
    await app.inject({ method: 'POST', url: `/api/checkins/venues/${closed.json().id}/suspend`, headers: { cookie: commune }, payload: { reason: 'Đóng cửa theo chỉ thị 16' } });
    const refused = await app.inject({ method: 'POST', url: '/api/public/checkins', payload: { venueToken: await venueToken(f.h.db, closed.json().id), personalQrToken: f.local[0].token } });
    expect([refused.statusCode, refused.json()]).toEqual([409, { error: { code: 'conflict', field: 'venueToken', message: 'Địa điểm này đã bị tạm dừng, không ghi nhận ra vào được' } }]);
  });

  it('gives officials the link a venue QR opens, in the venue and in the list', async () => {
    const link = `/p/c/${token}`;
    const one = await app.inject({ method: 'GET', url: `/api/checkins/venues/${f.venueId}`, headers: { cookie: commune } });
    expect(one.json().qrUrl).toMatch(new RegExp(`^https?://[^/]+${link.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
    const list = await app.inject({ method: 'GET', url: '/api/checkins/venues', headers: { cookie: commune } });
    expect(list.json().rows.find((v: { id: number }) => v.id === f.venueId).qrUrl).toBe(one.json().qrUrl);
  });

  it('lets a venue device send its offline queue twice and stores it once', async () => {
    const device = await app.inject({ method: 'POST', url: `/api/checkins/venues/${f.venueId}/devices`, headers: { cookie: commune }, payload: { label: 'Máy quét cổng A' } });
    const key = device.json().deviceKey as string;
    // The scanner page asks which venue its key belongs to.
    const mine = await app.inject({ method: 'GET', url: '/api/checkins/device', headers: { 'x-venue-device': key } });
    expect(mine.json()).toEqual({ venueId: f.venueId, venueName: 'Chợ Hạ Long 1', venueCode: expect.stringMatching(/^QN-[2-9A-Z]{5}$/) });
    const stranger = await app.inject({ method: 'GET', url: '/api/checkins/device', headers: { 'x-venue-device': 'sai-khoa', 'x-lang': 'en' } });
    expect([stranger.statusCode, stranger.json().error.message]).toEqual([404, 'This scanning device was not registered or was revoked']);
    expect((await app.inject({ method: 'GET', url: '/api/checkins/device' })).statusCode).toBe(404);
    const scans = f.outside.map((p, i) => ({ venueId: f.venueId, personalQrToken: p.token, at: minutesAgo(30 + i), clientId: randomUUID() }));
    const before = await checkinCount(f.h);
    const send = () => app.inject({ method: 'POST', url: '/api/checkins/scan/batch', headers: { 'x-venue-device': key, 'x-lang': 'en' }, payload: { scans: [...scans, { ...scans[0], clientId: 'khong-phai-uuid' }] } });
    const first = (await send()).json();
    const second = (await send()).json();
    expect(await checkinCount(f.h)).toBe(before + 2);
    expect(first.results.map((r: { ok: boolean }) => r.ok)).toEqual([true, true, false]);
    expect(first.results[2].error).toEqual({ code: 'validation', field: 'scans[2].clientId', message: 'The scan id is not valid (it must be a UUID)' });
    expect(second.results[0]).toMatchObject({ ok: true, visit: { visitId: first.results[0].visit.visitId, repeated: true } });
    const unknown = await app.inject({ method: 'POST', url: '/api/checkins/scan', headers: { 'x-venue-device': 'sai-khoa' }, payload: scans[0] });
    expect(unknown.statusCode).toBe(401);
    const revoked = await app.inject({ method: 'DELETE', url: `/api/checkins/venues/${f.venueId}/devices/${device.json().id}`, headers: { cookie: commune } });
    expect(revoked.json()).toEqual({ ok: true });
    const afterRevoke = await app.inject({ method: 'POST', url: '/api/checkins/scan', headers: { 'x-venue-device': key }, payload: scans[0] });
    expect(afterRevoke.json().error).toMatchObject({ code: 'unauthorized', message: 'Thiết bị quét chưa được cấp hoặc đã bị thu hồi' });
    expect((await app.inject({ method: 'GET', url: '/api/checkins/device', headers: { 'x-venue-device': key } })).statusCode).toBe(404);
  });

  it('serves the poster, the visitors and their export to the officials of the venue only', async () => {
    const pdf = await app.inject({ method: 'GET', url: `/api/checkins/venues/${f.venueId}/poster.pdf`, headers: { cookie: commune } });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const q = `from=${encodeURIComponent(minutesAgo(600))}&to=${encodeURIComponent(minutesAgo(-5))}`;
    const visitors = await app.inject({ method: 'GET', url: `/api/checkins/venues/${f.venueId}/visitors?${q}`, headers: { cookie: commune } });
    expect(visitors.json()).toMatchObject({ outsideJurisdiction: 2 });
    const file = await app.inject({ method: 'GET', url: `/api/checkins/venues/${f.venueId}/visitors.xlsx?${q}`, headers: { cookie: commune } });
    expect(file.headers['content-type']).toContain('spreadsheetml');
    const other = await signIn(f.otherCommune.username);
    expect((await app.inject({ method: 'GET', url: `/api/checkins/venues/${f.venueId}/visitors?${q}`, headers: { cookie: other } })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/api/checkins/venues/${f.venueId}/poster.pdf` })).statusCode).toBe(401);
  });

  it('limits public check-ins per device', async () => {
    const body = { venueToken: token, personalQrToken: f.local[0].token };
    const codes: number[] = [];
    for (let i = 0; i < 32; i++) codes.push((await app.inject({ method: 'POST', url: '/api/public/checkins', headers: { 'x-device-key': 'mot-thiet-bi' }, payload: body })).statusCode);
    expect(codes.slice(0, 30).every((c) => c === 200)).toBe(true);
    const limited = await app.inject({ method: 'POST', url: '/api/public/checkins', headers: { 'x-device-key': 'mot-thiet-bi', 'x-lang': 'en' }, payload: body });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('rate_limited');
  });
});
