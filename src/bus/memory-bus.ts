import type { Bus, BusMessages, Handler, Topic } from './bus.ts';

/**
 * In-process bus. Handlers run synchronously in publish order; a handler that throws is
 * reported through `onError` and never stops the others.
 */
export class MemoryBus implements Bus {
  private readonly handlers = new Map<Topic, Set<Handler<Topic>>>();

  constructor(private readonly onError: (error: unknown, topic: Topic) => void = () => undefined) {}

  publish<T extends Topic>(topic: T, message: BusMessages[T]): void {
    const set = this.handlers.get(topic);
    if (!set) return;
    for (const handler of set) {
      try {
        (handler as Handler<T>)(message);
      } catch (error) {
        this.onError(error, topic);
      }
    }
  }

  subscribe<T extends Topic>(topic: T, handler: Handler<T>): () => void {
    let set = this.handlers.get(topic);
    if (!set) this.handlers.set(topic, (set = new Set()));
    set.add(handler as Handler<Topic>);
    return () => set!.delete(handler as Handler<Topic>);
  }

  async close(): Promise<void> {
    this.handlers.clear();
  }
}
