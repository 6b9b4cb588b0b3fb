// Monitoring of stays, for the routes and for other capabilities: health checks and warning signs,
// transfer proposals, self-report links, home quarantine, the missed-reports job, capacity with
// its plan targets, and costs.
export { recordHealthCheck, listHealthChecks, storeHealthCheck, facilityRecipient } from './health-checks.js';
export { createReportLink, publicReportForm, submitPublicReport } from './report-links.js';
export { listTransferProposals, acceptTransferProposal, rejectTransferProposal } from './transfer-proposals.js';
export { listHomeStays, homeStay, setHouseSign } from './home.js';
export { alertMissedReports } from './missed-reports.js';
export { capacityView } from './capacity.js';
export { setCapacityTarget } from './capacity-targets.js';
export { stayCosts } from './costs.js';
export { exportStayCosts } from './costs-export.js';
