// The field equality every sync uses: Offerslook's "-1" means "not set", like a missing or
// empty value; decimals compare numerically (see createEquals).
import { createEquals } from '../plan/index.js';

export const syncEquals = createEquals({ empty: [undefined, null, '', '-1'] });
