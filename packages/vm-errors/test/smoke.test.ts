import { expect, it } from 'vitest';
import { tracer } from '@nearts/primitives';
it('resolves workspace sources', () => expect(tracer('nearts:vm-errors:x').enabled).toBe(false));
