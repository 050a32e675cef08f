// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Theme } from '$lib/theme';

declare global {
  namespace App {
    interface Locals {
      /** The login token from the httpOnly cookie; null when logged out or expired. */
      token: string | null;
      /** The user name read from the token, for the header only. */
      user: string | null;
      theme: Theme;
    }
  }
}

export {};
