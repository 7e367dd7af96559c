/**
 * A document uploaded in answer to a request for documents is filed under the requested
 * item: `documents.item` holds "request-item:<item id>". The one place that spells it.
 */
export const REQUEST_ITEM_PREFIX = "request-item:";

export function requestItemSlot(itemId: string): string {
  return `${REQUEST_ITEM_PREFIX}${itemId}`;
}

export function isRequestItemSlot(item: string): boolean {
  return item.startsWith(REQUEST_ITEM_PREFIX);
}
