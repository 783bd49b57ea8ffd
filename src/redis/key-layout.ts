// Where every key lives: under a hash tag, so that the keys one command, transaction or script
// touches share a Redis Cluster slot, while a cluster still spreads the networks over its nodes.
//   {prefix}            the deployment's own: reconcile runs, the reconcile queue, the layout mark
//   {prefix:main}       one connection's: its queues and dead letters, limiter, observations,
//                       the source records handed to its jobs
//   {prefix:main+a}     one pair's (an Offerit and an Offerslook connection): links, write
//                       intents, conflicts, retired twins, a reconcile run's working sets
// Names are checked when the config is read (lower-case letters, digits and dashes), so a tag
// never holds a brace.

export interface KeyLayout {
  /** `{prefix}` */
  readonly global: string;
  /** `{prefix:name}` */
  connection(name: string): string;
  /** `{prefix:offerit-side+offerslook-side}` */
  pair(offeritSide: string, offerslookSide: string): string;
}

export function keyLayout(prefix: string): KeyLayout {
  const bare = prefix.replace(/^\{(.*)\}$/, '$1');
  return {
    global: `{${bare}}`,
    connection: (name) => `{${bare}:${name}}`,
    pair: (offeritSide, offerslookSide) => `{${bare}:${offeritSide}+${offerslookSide}}`,
  };
}
