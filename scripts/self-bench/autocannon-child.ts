import { ownedByParent } from '../../common/owned-process.ts';
import { cannon, type CannonFigures } from './load.ts';

/** What the parent asks: `connections` keep-alive connections against `url` for `seconds`. */
export interface CannonTask {
  readonly url: string;
  readonly connections: number;
  readonly seconds: number;
}

// autocannon in a process of its own, as an independent load generator is: one task in, its figures out.
ownedByParent(async () => {});
process.on('message', (task: CannonTask) => {
  void cannon(task.url, task.connections, task.seconds).then((figures) => process.send?.(figures satisfies CannonFigures));
});
process.send?.('ready');
