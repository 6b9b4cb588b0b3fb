/** The step of reading a DCC QR that failed, so a verifier can say what was wrong with it. */
export type DccStage = 'prefix' | 'base45' | 'zlib' | 'cbor' | 'cose' | 'cwt' | 'payload' | 'key';

export class DccError extends Error {
  constructor(
    readonly stage: DccStage,
    message: string,
  ) {
    super(`${stage}: ${message}`);
  }
}
