import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

// CONTRACT.md: `/` → `/streaming`.
export const load: PageServerLoad = () => redirect(307, '/streaming');
