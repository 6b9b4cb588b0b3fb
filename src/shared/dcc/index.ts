// The EU Digital COVID Certificate format, for the server (issuing) and browsers (verifying).
// Pure TypeScript over WebCrypto and fflate: no Node built-ins, so the citizen verifier can use it.
export { base45Decode, base45Encode } from './base45.js';
export { decodeCbor, Tagged, type CborValue } from './cbor.js';
export { encodeCbor } from './cbor-encode.js';
export { ALG_ES256, ALG_PS256, algOf, kidOf, parseSign1, signSign1, toBeSigned, type Sign1 } from './cose.js';
export { parseCwt, toJson, type CwtClaims } from './cwt.js';
export { DccError, type DccStage } from './errors.js';
export { decodeHc1, deflate, encodeHc1, inflate, unprefix, HC1_PREFIX } from './hc1.js';
export { buildDcc, dccBirthDate, signedQr, type Holder, type SignedQrInput } from './issue.js';
export { KeyRing, type TrustedKey } from './keyring.js';
export { dccName, icaoTransliterate } from './names.js';
export { checkCharacter, hasValidCheck, newUvci } from './uvci.js';
export { checkSignature, periodProblem, verifyDcc, type InvalidReason, type Verification, type VerifyOptions, type VerifyStatus } from './verify.js';
export { readCertificate, typesAllowed } from './x509.js';
export { fromBase64, fromHex, keyId, toBase64, toHex, uvciHash } from './bytes.js';
export * from './types.js';
