import type { Ctx } from '#core/services/context';
import type { MethodArgs, MethodName, MethodOutput } from '#core/contract';

/** The bytes of an uploaded file, read only after its size was checked. */
export type UploadSource = { size: number; bytes: () => Uint8Array };

export type Handler<M extends MethodName> = (ctx: Ctx, input: MethodArgs<M>, upload?: UploadSource) => MethodOutput<M> | Promise<MethodOutput<M>>;

/** A domain module's handlers: exactly the methods it names, each typed from the contract. */
export type Handlers<Ms extends MethodName> = { [M in Ms]: Handler<M> };
