/**
 * An Error whose message and name survive Pulumi's closure serialization. The Render provider
 * runs as serialized functions, where `super(message)` becomes `Error.call(this, message)`,
 * which sets nothing on `this`: the engine then reported every Render failure as
 * "Error: undefined". So both are set here, on `this`.
 */
export class SerializableError extends Error {
  constructor(message: string, name: string) {
    super(message);
    this.message = message;
    this.name = name;
  }
}
