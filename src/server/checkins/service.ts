// The check-ins capability: venues with printable QR posters, visits recorded by visitors or
// venue staff (through a group-commit writer), look-ups for contact tracing and the purge after
// the retention period. Other capabilities reach it only through the functions exported here.
export { registerVenue, registerVenuePublic, getVenue, listVenues, suspendVenue, activateVenue, publicVenue } from './venues.js';
export { issueVenueDevice, revokeVenueDevice, venueOfDeviceKey, deviceVenue } from './devices.js';
export { venuePoster } from './poster.js';
export { citizenCheckIn, citizenCheckOut, staffScan, staffScanBatch, staffCheckOut, type Scanner, type BatchItemResult } from './checkin.js';
export { venueVisitors, personVisits, exportVisitors } from './lookups.js';
export { purgeCheckins, type CheckinPurgeResult } from './purge.js';
export { venueToken, venueQrUrl } from './tokens.js';
