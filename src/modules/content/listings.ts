import type { EventBus } from '../../platform/events.js';
import { ListingsRepository } from './listings.repository.js';

/**
 * Keep the lists' index (listings.repository.ts) true when a column moves: the items under it are now
 * listed by other columns above. In the move's own transaction, so a list never shows the old tree.
 * (An item's own changes are written by ArticlesService and the import where they happen.)
 */
export function keepListingsOnMoves(events: EventBus, listings = new ListingsRepository()): void {
  events.onTransaction(async (trx, event) => {
    if (event.type !== 'column.moved' || typeof event.entityId !== 'number') return;
    const d = event.details as { from?: { parentId?: number | null }; to?: { parentId?: number | null } } | undefined;
    if (d?.from?.parentId === d?.to?.parentId) return;
    await listings.putUnder(trx, event.entityId);
  });
}
