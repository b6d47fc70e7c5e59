import { DemoRepository } from './demo.repository.js';
import { DemoService } from './demo.service.js';
import { DemoStory, type StoryDeps } from './demo-story.js';

type ServiceDeps = ConstructorParameters<typeof DemoService>[0];

/** What the demo needs from the other modules (services.ts), its story's included. */
export type DemoDeps = Omit<ServiceDeps, 'story'> & Omit<StoryDeps, 'repo'>;

/** The demo seeder and the first day's story it tells: content for every duty, judged by the board it is meant to fill. */
export function createDemo(d: DemoDeps): DemoService {
  const { duties, calendar, board, ...service } = d;
  const story = new DemoStory({
    uow: d.uow,
    columns: d.columns,
    duties,
    units: d.units,
    calendar,
    repo: new DemoRepository(),
    board,
  });
  return new DemoService({ ...service, story });
}
