// oidc-provider ships no types (and @types/oidc-provider is not installed): the little the fixture uses.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';
  class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    static errors: { InvalidTarget: new (description?: string) => Error };
  }
  export default Provider;
  export const errors: { InvalidTarget: new (description?: string) => Error };
}
