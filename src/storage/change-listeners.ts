import type { StoreChange, StoreListener } from './walk-store';

/** The subscribers of one store instance. A listener that throws does not stop the others. */
export class ChangeListeners {
  private readonly listeners = new Set<StoreListener>();

  subscribe(listener: StoreListener): () => void {
    // Wrapped so that subscribing the same function twice gives two independent subscriptions.
    const entry: StoreListener = (change) => listener(change);
    this.listeners.add(entry);
    return () => {
      this.listeners.delete(entry);
    };
  }

  emit(change: StoreChange): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(change);
      } catch (error) {
        // A broken listener must not turn a successful write into a failed one.
        console.error('Områdeskartan: a storage change listener failed', error);
      }
    }
  }

  clear(): void {
    this.listeners.clear();
  }
}
