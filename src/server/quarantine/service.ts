// The quarantine capability: facilities and their structure, roster and cameras; admission with
// room allocation; stays with their tests, room moves, extension, transfer, discharge and the
// completion certificate. Other capabilities (and the monitoring parts of this one) call these.
export { createFacility, updateFacility, setFacilityStatus, listFacilities, getFacility } from './facilities.js';
export { listStaff, addStaff, endStaffDuty, addCamera, setCameraStatus } from './facility-duty.js';
export { admit } from './admission.js';
export { allocateRooms, cohortOf, type AllocationRules, type RoomState, type Newcomer } from './allocation.js';
export { getStay, listStays, dueTests, visibleStay, stayDetailOf } from './stays.js';
export { moveStayRoom } from './room-override.js';
export { recordStayTest } from './stay-tests.js';
export { transferStay, transferStayIn } from './transfer.js';
export { dischargeStay } from './discharge.js';
export { stayCertificate } from './certificate.js';
export { quarantinePlan, treatmentPlan, planOfStay, dayNumberOn, TREATMENT_RULE } from './stay-rules.js';
export { actorScope, inUnit, stayVisible, placeInScope, readableFacility, managedFacility } from './access.js';
