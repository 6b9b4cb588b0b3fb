// The testing capability: collection sites and labs, sampling campaigns with reproducible draws,
// samples and pools with their chain of custody, lab results (one by one or a lab's file) and
// what they set off (re-sampling tasks, case proposals, messages to the commune), the citizen's
// result look-up and the capacity view. Other capabilities reach it through these functions.
export { createSite, listSites, createLab, listLabs } from './sites.js';
export { createCampaign, listCampaigns, getCampaign, drawMembers } from './campaigns.js';
export { recordSample, getSample } from './sampling.js';
export { moveSamples, closePool } from './custody.js';
export { listCustodyItems, custodyItem } from './custody-items.js';
export { recordResult, importLabResults } from './lab-results.js';
export { listResults } from './result-list.js';
export { listCaseProposals, acceptCaseProposal } from './case-proposals.js';
export { campaignMembers, listResampleTasks } from './worklists.js';
export { lookupTestResult, testCertificateRequest, citizenTestCertificate, provenSample, type LookupContext } from './lookup.js';
export { capacityView } from './capacity.js';
export { labelSheet, labelPng } from './labels.js';
