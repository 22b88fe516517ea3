/**
 * A minimal event emitter with VS Code's `Event` shape (`(listener) => Disposable`), so the tree
 * model fires change events without importing vscode (it runs under plain mocha).
 */
export interface Disposable {
  dispose(): void;
}

export type Event<T> = (listener: (value: T) => unknown) => Disposable;

export class Emitter<T> {
  private listeners: ((value: T) => unknown)[] = [];

  readonly event: Event<T> = (listener) => {
    this.listeners.push(listener);
    return {
      dispose: () => {
        this.listeners = this.listeners.filter((l) => l !== listener);
      },
    };
  };

  fire(value: T): void {
    for (const listener of [...this.listeners]) {
      listener(value);
    }
  }

  dispose(): void {
    this.listeners = [];
  }
}
