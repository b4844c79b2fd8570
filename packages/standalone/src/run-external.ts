/**
 * The External behind `nearts run`: vm-logic's MockedExternal (in-memory storage, a log of every
 * receipt operation) with one difference — receipt indices count receipts (0, 1, 2, …) as the
 * runtime's ReceiptManager does, instead of being positions in the action log as in nearcore's
 * mock. So `return_data: {"ReceiptIndex": n}` and the receipts' dependencies in `nearts run`
 * output mean what they would mean on chain.
 */
import { HostError } from '@nearts/vm-errors';
import { MockedExternal, type MockedExternalOptions, type ReceiptIndex, type YieldReceipt } from '@nearts/vm-logic';

export class RunExternal extends MockedExternal {
  /** Position in `actionLog` of each receipt's CreateReceipt/YieldCreate entry, by receipt index. */
  private readonly logPositions: number[] = [];

  constructor(options: MockedExternalOptions = {}) {
    super(options);
  }

  private track(logPosition: number): ReceiptIndex {
    this.logPositions.push(logPosition);
    return this.logPositions.length - 1;
  }

  override createActionReceipt(receiptIndices: readonly ReceiptIndex[], receiverId: string): ReceiptIndex {
    return this.track(super.createActionReceipt(receiptIndices, receiverId));
  }

  override createPromiseYieldReceipt(receiverId: string): YieldReceipt {
    const r = super.createPromiseYieldReceipt(receiverId);
    return { receiptIndex: this.track(r.receiptIndex), dataId: r.dataId };
  }

  override createPromiseYieldReceiptWithId(receiverId: string, yieldId: Uint8Array): YieldReceipt | null {
    const r = super.createPromiseYieldReceiptWithId(receiverId, yieldId);
    return r === null ? null : { receiptIndex: this.track(r.receiptIndex), dataId: r.dataId };
  }

  override getReceiptReceiver(receiptIndex: ReceiptIndex): string {
    const position = this.logPositions[receiptIndex];
    // VMLogic only passes indices it got from this External; anything else is a bug.
    if (position === undefined) throw new HostError({ kind: 'InvalidReceiptIndex', receipt_index: BigInt(receiptIndex) });
    return super.getReceiptReceiver(position);
  }
}
