/**
 * Wraps a raw transport into the typed TwinBridge: replies and events are parsed with the contract's schemas
 * before React sees them, and errors become exceptions whose message is fit for the user.
 */
import { channels, events, isEventName, type Channel, type EventName, type EventOf, type ReplyOf, type RequestOf } from '../../main/contract/channels';
import type { PreloadApi, TwinBridge, WireError } from '../../main/contract/bridge';

export class BridgeError extends Error {
  constructor(readonly wire: WireError) {
    super(wire.message);
    this.name = 'BridgeError';
  }
}

export function createValidatingBridge(transport: PreloadApi): TwinBridge {
  return {
    async invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ReplyOf<C>> {
      const result = await transport.invoke(channel, request);
      if (!result.ok) throw new BridgeError(result.error);
      return channels[channel].reply.parse(result.reply) as ReplyOf<C>;
    },
    async instanceBytes(sopInstanceUid: string): Promise<ArrayBuffer> {
      const result = await transport.readBytes({ type: 'instance', sopInstanceUid });
      if (!result.ok) throw new BridgeError(result.error);
      return result.bytes;
    },
    async derivedFile(id: string, name: string): Promise<ArrayBuffer> {
      const result = await transport.readBytes({ type: 'derived', id, name });
      if (!result.ok) throw new BridgeError(result.error);
      return result.bytes;
    },
    async seriesThumbnail(seriesKey: string): Promise<ArrayBuffer> {
      const result = await transport.readBytes({ type: 'thumbnail', seriesKey });
      if (!result.ok) throw new BridgeError(result.error);
      return result.bytes;
    },
    async uploadFile(batchId: string, index: number, name: string, bytes: ArrayBuffer): Promise<void> {
      const result = await transport.uploadFile(batchId, index, name, bytes);
      if (!result.ok) throw new BridgeError(result.error);
    },
    on<E extends EventName>(event: E, listener: (payload: EventOf<E>) => void): () => void {
      if (!isEventName(event)) throw new Error(`unknown event ${String(event)}`);
      return transport.on(event, (payload) => {
        const parsed = events[event].safeParse(payload);
        if (parsed.success) listener(parsed.data as EventOf<E>);
        else console.error(`dropped a malformed ${event} event`, parsed.error);
      });
    },
  };
}
