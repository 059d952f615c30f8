/**
 * The small picture beside a series (like OHIF's study browser): its middle image, rendered and cached on the main
 * side (main/services/thumbnails), fetched by series key. Objects without pixels (structure sets, plans, reports)
 * and images that cannot be decoded show their modality instead.
 */
import { useEffect, useState } from 'react';
import { useBridge } from '../bridge/bridge-context';

/** Modalities whose objects carry no image to show (PS3.3 C.7.3.1.1.1). */
const NON_IMAGE_MODALITIES = new Set(['RTSTRUCT', 'RTPLAN', 'RTRECORD', 'SR', 'KO', 'PR', 'REG', 'ECG', 'DOC']);

/** `instanceCount` is there to fetch again when a later import adds images (the main side then makes a new one). */
export function SeriesThumbnail({ seriesKey, modality, instanceCount }: { seriesKey: string; modality: string; instanceCount: number }) {
  const bridge = useBridge();
  const [url, setUrl] = useState<string | null>(null);
  const hasImage = !NON_IMAGE_MODALITIES.has(modality);

  useEffect(() => {
    if (!hasImage) return;
    let objectUrl: string | null = null;
    let live = true;
    bridge
      .seriesThumbnail(seriesKey)
      .then((png) => {
        if (!live) return;
        objectUrl = URL.createObjectURL(new Blob([png], { type: 'image/png' }));
        setUrl(objectUrl);
      })
      // No thumbnail is not an error worth a message: the placeholder says what the series is.
      .catch(() => live && setUrl(null));
    return () => {
      live = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [bridge, seriesKey, hasImage, instanceCount]);

  return (
    <span className="series-thumbnail" aria-hidden="true">
      {url ? <img src={url} alt="" data-testid="series-thumbnail" /> : <span className="series-thumbnail-placeholder">{modality}</span>}
    </span>
  );
}
