/**
 * Block gas price (nearcore chain `Block::compute_next_gas_price`): the next block's price moves
 * by up to ±1 % (rate 1/100) depending on how full the previous block's chunks were, clamped to
 * [min, max]. With usage below half the limit the price falls, so a quiet chain sits at `min`.
 */

export interface GasPriceConfig {
  /** Price of the first block after genesis (yoctoNEAR per gas). */
  initial: bigint;
  min: bigint;
  max: bigint;
  /** false: every block uses `initial`. */
  adjust: boolean;
  /** Adjustment rate as a fraction; nearcore's is 1/100. */
  rate: { numerator: bigint; denominator: bigint };
}

/** Mainnet's effective floor and ceiling: 1e8 and 2e9 yoctoNEAR per gas. */
export const DEFAULT_GAS_PRICE: GasPriceConfig = {
  initial: 100_000_000n,
  min: 100_000_000n,
  max: 2_000_000_000n,
  adjust: true,
  rate: { numerator: 1n, denominator: 100n },
};

export function nextGasPrice(cfg: GasPriceConfig, price: bigint, gasUsed: bigint, gasLimit: bigint): bigint {
  if (!cfg.adjust) return price;
  if (gasLimit === 0n) return price;
  const { numerator: num, denominator: den } = cfg.rate;
  const next = (price * (2n * den * gasLimit + 2n * num * gasUsed - num * gasLimit)) / (2n * den * gasLimit);
  return next < cfg.min ? cfg.min : next > cfg.max ? cfg.max : next;
}
