/** Reading what a WebGL view drew, for specs that must tell a drawn canvas from a blank one. */
import type { Locator, Page } from '@playwright/test';

/**
 * Share of the element's pixels that differ from `background` (8-bit RGB) by more than a small tolerance. WebGL
 * canvases cannot be read back after their frame, so the element's screenshot is decoded by the page itself.
 */
export async function drawnFraction(page: Page, element: Locator, background: readonly [number, number, number]): Promise<number> {
  const png = (await element.screenshot()).toString('base64');
  return page.evaluate(
    async ({ png, background }) => {
      const image = new Image();
      image.src = `data:image/png;base64,${png}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(image, 0, 0);
      const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      let drawn = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (Math.abs(data[i]! - background[0]!) + Math.abs(data[i + 1]! - background[1]!) + Math.abs(data[i + 2]! - background[2]!) > 40) drawn++;
      }
      return drawn / (data.length / 4);
    },
    { png, background: [...background] },
  );
}
