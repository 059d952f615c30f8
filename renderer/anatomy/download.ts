/**
 * Downloads made on demand from an `<a download>`: the file's Blob URL is made in the click handler (before the
 * browser follows the link) and revoked after, so no URL outlives its use.
 */
import type { MouseEvent } from 'react';

export function downloadOnClick(make: () => Blob): (event: MouseEvent<HTMLAnchorElement>) => void {
  return (event) => {
    const url = URL.createObjectURL(make());
    event.currentTarget.href = url;
    // The browser reads the URL when it follows the link, after this handler; revoke once that has happened.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  };
}
