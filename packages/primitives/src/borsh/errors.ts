/**
 * The one error class for bytes (or strings) that do not decode into a valid value.
 *
 * `reason` is a stable machine-readable code; `offset` is the byte position where decoding
 * failed; `path` names the field that was being read, outermost first (e.g.
 * `SignedTransaction.transaction.actions[2].FunctionCall.method_name`). The message repeats all
 * three so a log line alone is enough to find the bad byte.
 */
export type BorshErrorReason =
  /** Input ended before the value did. */
  | 'truncated'
  /** A complete value was read but bytes were left over. */
  | 'trailing_bytes'
  /** An enum discriminant that the type does not define. */
  | 'bad_enum_tag'
  /** A length prefix larger than the bytes that remain (rejected before allocating). */
  | 'vec_too_long'
  /** A string that is not well-formed UTF-8. */
  | 'invalid_utf8'
  /** An account id that fails nearcore's validation rules. */
  | 'invalid_account_id'
  /** Raw key / signature bytes of the wrong size for their key type. */
  | 'wrong_key_length'
  /** A bool byte other than 0 or 1. */
  | 'invalid_bool'
  /** A string form (base58, `ed25519:…`, amounts) that does not parse. */
  | 'invalid_string'
  /** Structurally readable but rejected by a rule of the type (e.g. nested delegate action). */
  | 'invalid_value'
  /** A value that cannot be written (e.g. an integer out of range for its width). */
  | 'unencodable';

export class BorshError extends Error {
  override readonly name = 'BorshError';
  readonly reason: BorshErrorReason;
  readonly offset: number;
  readonly path: string[];
  readonly detail: string;

  constructor(reason: BorshErrorReason, detail: string, offset = -1, options?: { cause?: unknown }) {
    super(detail, options);
    this.reason = reason;
    this.detail = detail;
    this.offset = offset;
    this.path = [];
    this.message = this.render();
  }

  /** Adds an outer path segment (called while the error unwinds through nested readers). */
  addPath(segment: string): this {
    this.path.unshift(segment);
    this.message = this.render();
    return this;
  }

  private render(): string {
    const where: string[] = [];
    if (this.offset >= 0) where.push(`at offset ${this.offset}`);
    if (this.path.length > 0) where.push(`in ${joinPath(this.path)}`);
    return `${this.reason}: ${this.detail}${where.length > 0 ? ' (' + where.join(', ') + ')' : ''}`;
  }
}

function joinPath(path: string[]): string {
  let out = '';
  for (const seg of path) {
    if (out.length > 0 && !seg.startsWith('[')) out += '.';
    out += seg;
  }
  return out;
}
