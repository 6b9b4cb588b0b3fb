// The result entry form's values turned into the API's body, with the same rules the server
// applies (a Ct only for RT-PCR, required when positive), so staff see a problem before sending.
import { codeKind, normalizeCode, type ResultInput, type TestResult, type TestType } from '../../../shared/api/testing.js';

const TZ = 'Asia/Ho_Chi_Minh';

export interface ResultFormValues {
  code: string;
  testType: TestType;
  result?: TestResult;
  ctValue?: number | null;
  /** Vietnam wall time as the picker shows it: YYYY-MM-DDTHH:mm. */
  testedAt: string;
  labId?: number | null;
}

/** Vietnam's wall clock (YYYY-MM-DDTHH:mm), whatever the device's own time zone. */
export function vietnamWallClock(now = new Date()): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(now)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** A Vietnam wall time as an instant; Vietnam keeps +07:00 all year. */
export function vietnamInstant(wall: string): string {
  const [date, time = '00:00'] = wall.split('T');
  return `${date}T${time.length === 5 ? `${time}:00` : time}+07:00`;
}

/** Whether a typed or scanned code is a well-formed sample or pool code (its check character holds). */
export function codeIsValid(input: string): boolean {
  return codeKind(normalizeCode(input)) !== null;
}

export function needsCt(testType: TestType, result: TestResult | undefined): boolean {
  return testType === 'rt_pcr' && result === 'positive';
}

export function resultBody(v: ResultFormValues): ResultInput {
  return {
    code: normalizeCode(v.code),
    testType: v.testType,
    result: v.result!,
    ctValue: v.testType === 'rt_pcr' && v.ctValue != null ? v.ctValue : null,
    testedAt: vietnamInstant(v.testedAt),
    labId: v.labId ?? null,
  };
}
