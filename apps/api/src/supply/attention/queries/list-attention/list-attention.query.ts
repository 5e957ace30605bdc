import type { AttentionList, AttentionQuery } from '../../attention.dto';

/** One of the lists of cylinders someone must act on; filters narrowed to the reader's scope. */
export class ListAttentionQuery {
  constructor(
    readonly list: AttentionList,
    readonly filter: AttentionQuery,
    /** "Now", for the thresholds: passed in so answers are reproducible. */
    readonly now: Date,
  ) {}
}
