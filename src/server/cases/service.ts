// The cases capability: cases (F0), exposures and the contact levels derived from them, clusters
// and the transmission graph. Other capabilities (and the tracing parts of this one) call these.
export { createCase, changeCaseStatus, casesOfPeople, caseRow, placeCases, type OpenCase } from './cases.js';
export { getCase, listCases, visibleCase, caseViews, caseDetailOf } from './case-views.js';
export { addExposures, recordExposure, removeExposure, exposureViews, type NewExposure, type ExposureOrigin } from './exposures.js';
export { currentLevels, recomputeLevels, relevel, type CurrentLevel, type LevelTrigger } from './levels.js';
export { infectiousWindow, rulesOn, DISEASE } from './window.js';
export { actorUnit, inUnit, placeInScope, scopeOf, caseCode, type UnitScope } from './access.js';
export { listContacts, personTracing } from './contacts.js';
export { detectClusters, detectClustersIn, listClusters, renameCluster, closeCluster, clusterViews } from './clusters.js';
export { transmissionGraph } from './graph.js';
export { listCrowds, decideCrowd } from './crowds.js';
export { decideProposals } from './decide.js';
export { enqueue, sendPendingMessages, type NewMessage } from './outbox.js';

import type { Db } from '../db/handle.js';
import type { Actor } from '../auth/actor.js';
import type { CaseDetail, CaseStatusBody } from '../../shared/api/cases.js';
import { createCase, changeCaseStatus } from './cases.js';
import { caseDetailOf } from './case-views.js';
import { onPeopleMerged } from '../people/service.js';
import { moveTracingToKept } from './merge.js';

// A merge of two records moves their tracing to the person kept, in the merge's transaction.
onPeopleMerged(moveTracingToKept);

/** createCase, answered as the detail the case screen shows. */
export async function openCase(db: Db, actor: Actor, input: unknown): Promise<CaseDetail> {
  const row = await createCase(db, actor, input);
  return caseDetailOf(db, actor, row);
}

/** changeCaseStatus, answered as the detail the case screen shows. */
export async function moveCase(db: Db, actor: Actor, id: number, body: CaseStatusBody): Promise<CaseDetail> {
  const row = await changeCaseStatus(db, actor, id, body);
  return caseDetailOf(db, actor, row);
}
