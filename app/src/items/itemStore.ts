import { randomUUID } from "node:crypto";
import type { CreateItem, UpdateItem } from "./itemSchema";

/** An item as the API returns it. */
export interface Item {
  id: string;
  name: string;
  description?: string;
  createdAt: string;
  updatedAt: string;
}

/** One page of a listing; nextCursor is absent on the last page. */
export interface ItemPage {
  items: Item[];
  nextCursor?: string;
}

/** Thrown when the store already holds its capacity. */
export class StoreFullError extends Error {
  readonly status = 507;
  readonly expose = true;
  constructor(capacity: number) {
    super(`the item store is full (${capacity} items); delete some before creating more`);
  }
}

interface Entry {
  seq: number;
  item: Item;
}

/** An in-memory store, per instance, that never holds more than `capacity` items. */
export class ItemStore {
  private readonly entries = new Map<string, Entry>();
  private nextSeq = 1;

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.entries.size;
  }

  create(input: CreateItem): Item {
    if (this.entries.size >= this.capacity) throw new StoreFullError(this.capacity);
    const now = new Date().toISOString();
    const item: Item = { id: randomUUID(), ...input, createdAt: now, updatedAt: now };
    this.entries.set(item.id, { seq: this.nextSeq++, item });
    return item;
  }

  /** Items in creation order, after the cursor of the previous page. */
  list(limit: number, cursor?: string): ItemPage {
    const after = cursor === undefined ? 0 : Number(cursor);
    const items: Item[] = [];
    let lastSeq = after;
    let more = false;
    for (const entry of this.entries.values()) {
      if (entry.seq <= after) continue;
      if (items.length === limit) {
        more = true;
        break;
      }
      items.push(entry.item);
      lastSeq = entry.seq;
    }
    return more ? { items, nextCursor: String(lastSeq) } : { items };
  }

  get(id: string): Item | undefined {
    return this.entries.get(id)?.item;
  }

  update(id: string, patch: UpdateItem): Item | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    entry.item = { ...entry.item, ...patch, updatedAt: new Date().toISOString() };
    return entry.item;
  }

  delete(id: string): boolean {
    return this.entries.delete(id);
  }
}
