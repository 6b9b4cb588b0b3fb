// The declarations capability: citizens' health declarations (public, no account), their
// triage by health officers, outbreak areas and the personal QR. Other capabilities reach it
// only through the functions exported here (check-ins verify a personal QR with
// personalQrIdOfToken and resolve a batch of them inside their group-commit statement with personalQrPeople).
export { declarationForm, submitDeclaration, latestForDevice, type SubmitContext } from './submit.js';
export { worklist, getDeclaration, declarationsOfPerson, recordTriage } from './worklist.js';
export { listOutbreakAreas, markOutbreakArea, endOutbreakArea } from './outbreak.js';
export { verifyCode, resendCode, CODE_TEMPLATE } from './device-code.js';
export { resolvePersonalQr, resolvePersonalQrs, personalQrIdOfToken, personalQrPeople } from './qr.js';
export { purgeDeclarations, type PurgeResult } from './purge.js';
