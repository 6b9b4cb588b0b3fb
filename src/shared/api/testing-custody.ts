// What the sampling station and the custody screen read: the tubes (pools, and samples not in a
// pool) waiting at a step of the chain, and one tube with its samples and its history.
import { z } from 'zod';
import { personSummary } from './people.js';
import { historyEntry, SAMPLE_STATES, TEST_RESULTS } from './testing.js';

const ref = z.object({ id: z.number(), name: z.string() });
const optionalId = z.coerce.number().int().positive().optional();

export const custodyItemsQuery = z.object({
  /** The step the tubes are at now; tested ones have left the chain. */
  state: z.enum(['collected', 'sent', 'received']),
  kind: z.enum(['sample', 'pool']).optional(),
  campaignId: optionalId,
  siteId: optionalId,
  labId: optionalId,
  /** Only pools still filling (true) or only closed tubes (false); parsed twice (route, service), so a boolean passes too. */
  open: z.union([z.boolean(), z.stringbool()]).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export type CustodyItemsQuery = z.input<typeof custodyItemsQuery>;

/** A tube that moves along the chain: a pool (with every sample in it) or a sample on its own. */
export const custodyItem = z.object({
  kind: z.enum(['sample', 'pool']),
  code: z.string(),
  state: z.enum(SAMPLE_STATES),
  site: ref,
  lab: ref.nullable(),
  campaignId: z.number().nullable(),
  /** Samples in the tube: a pool's members, 1 for a sample. */
  sampleCount: z.number(),
  /** A pool's size; null for a sample. */
  sizeLimit: z.number().nullable(),
  /** A pool no longer filling; always true for a sample. */
  closed: z.boolean(),
  collectedAt: z.string(),
  sentAt: z.string().nullable(),
  receivedAt: z.string().nullable(),
  testedAt: z.string().nullable(),
  result: z.enum(TEST_RESULTS).nullable(),
});
export type CustodyItem = z.infer<typeof custodyItem>;
export const custodyItemsResponse = z.object({ total: z.number(), rows: z.array(custodyItem) });
export type CustodyItemsResponse = z.infer<typeof custodyItemsResponse>;

export const custodyItemDetail = custodyItem.extend({
  /** The samples in the tube (one for a sample), each person shown when in the reader's jurisdiction. */
  samples: z.array(z.object({ code: z.string(), personId: z.number(), person: personSummary.nullable(), collectedAt: z.string(), state: z.enum(SAMPLE_STATES) })),
  /** Each move of the tube; a pool's moves are its samples' moves, counted. */
  history: z.array(historyEntry.extend({ samples: z.number() })),
});
export type CustodyItemDetail = z.infer<typeof custodyItemDetail>;
