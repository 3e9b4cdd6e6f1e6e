/** Counters of the DC-09 receiver, shown by GET /api/v1/receiver/stats. */
export class ReceiverStats {
  framesIn = 0;
  acks = 0;
  naks = 0;
  duhs = 0;
  duplicates = 0;
  storeFailures = 0;
  overloads = 0;
  connectionsOpen = 0;
  connectionsTotal = 0;
  datagrams = 0;
  readonly discards: Record<string, number> = {};
  readonly closes: Record<string, number> = {};

  discard(reason: string): void {
    this.discards[reason] = (this.discards[reason] ?? 0) + 1;
  }

  closed(reason: string): void {
    this.closes[reason] = (this.closes[reason] ?? 0) + 1;
  }

  snapshot() {
    return {
      framesIn: this.framesIn,
      acks: this.acks,
      naks: this.naks,
      duhs: this.duhs,
      duplicates: this.duplicates,
      storeFailures: this.storeFailures,
      overloads: this.overloads,
      connectionsOpen: this.connectionsOpen,
      connectionsTotal: this.connectionsTotal,
      datagrams: this.datagrams,
      discards: { ...this.discards },
      closes: { ...this.closes },
    };
  }
}
