import { expect, it } from 'vitest';
import { maskPhone } from '../../core/observability/mask.ts';
it('masks phones', () => { expect(maskPhone('+15125550123')).toBe('+1******0123'); });
