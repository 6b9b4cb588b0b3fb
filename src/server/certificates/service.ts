// The certificates capability: signed health certificates in the EU DCC format (tests now,
// vaccination and recovery later), the provinces' issuer keys and revocation. Other capabilities
// issue through issueCertificate and find a certificate again through certificateForSource.
export { issueCertificate, certificateForSource, ISSUER_COUNTRY } from './issue.js';
export { revokeCertificate, personCertificates, revokedList } from './revoke.js';
export { rotateIssuerKey, retireIssuerKey, publishedKeys } from './keys.js';
