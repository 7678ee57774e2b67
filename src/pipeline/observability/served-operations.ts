// What the short path (short-path.ts) tells the request log and the operation metrics about an
// operation it answered. They learn a request's operation from yoga's parameter, parse and
// execute hooks otherwise, which the short path does not run.

export interface ServedOperation {
  /** The request's `operationName`, else the operation's own name. */
  name: string | undefined;
  type: 'query' | 'mutation' | 'subscription';
}

export class ServedOperations {
  readonly #served = new WeakMap<Request, ServedOperation>();

  note(request: Request, operation: ServedOperation): void {
    this.#served.set(request, operation);
  }

  /** The operation the short path answered `request` with, if it did. */
  of(request: Request): ServedOperation | undefined {
    return this.#served.get(request);
  }
}
