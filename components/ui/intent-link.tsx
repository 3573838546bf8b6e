'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import type { ComponentProps } from 'react';

/**
 * `next/link` that prefetches when the reader reaches for it (pointer over it, focus, touch)
 * instead of when it scrolls into view. The console's pages are dynamic: with viewport
 * prefetch each page view rendered every sidebar section on the server (about a dozen
 * renders, each with its database reads) that the reader mostly never opened. Intent still
 * leaves the hundred-odd milliseconds between pointing and clicking for the prefetch.
 */
export function IntentLink({ href, onMouseEnter, onFocus, onTouchStart, ...props }: Omit<ComponentProps<typeof Link>, 'prefetch' | 'href'> & { href: string }) {
  const router = useRouter();
  const prefetch = () => router.prefetch(href);
  return (
    <Link
      {...props}
      href={href}
      prefetch={false}
      onMouseEnter={(e) => {
        prefetch();
        onMouseEnter?.(e);
      }}
      onFocus={(e) => {
        prefetch();
        onFocus?.(e);
      }}
      onTouchStart={(e) => {
        prefetch();
        onTouchStart?.(e);
      }}
    />
  );
}
