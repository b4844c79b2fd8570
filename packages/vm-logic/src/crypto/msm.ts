/**
 * Multi-scalar multiplication Σ sᵢ·Pᵢ for the multiexp host functions.
 *
 * Scalars must already be reduced below the group order (alt_bn128 rejects larger ones; BLS12-381
 * reduces them, which is exact because its multiexp only takes subgroup points). Few points go
 * through individual wNAF multiplications (GLV where the curve has it); many through Pippenger.
 */
import { pippenger, type CurvePoint, type CurvePointCons } from '@noble/curves/abstract/curve.js';

/** From this many points on, Pippenger's bucket method beats one multiplication per point. */
const PIPPENGER_THRESHOLD = 8;

interface MultipliablePoint<P> extends CurvePoint<any, any> {
  multiplyUnsafe(scalar: bigint): P;
  add(other: P): P;
}

export function multiScalarMul<P extends MultipliablePoint<P>>(
  Point: CurvePointCons<P> & { ZERO: P },
  points: P[],
  scalars: bigint[],
): P {
  if (points.length >= PIPPENGER_THRESHOLD) return pippenger(Point, points, scalars);
  let acc = Point.ZERO;
  for (let i = 0; i < points.length; i++) acc = acc.add(points[i]!.multiplyUnsafe(scalars[i]!));
  return acc;
}
