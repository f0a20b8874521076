import { useEffect, useState, type RefObject } from 'react';
import type { AppController } from '../../state/app-controller';
import { useController } from '../../state/controller-context';
import { ImageSourceCache } from './image-source-cache';

const caches = new WeakMap<AppController, ImageSourceCache>();

function cacheFor(controller: AppController): ImageSourceCache {
  let cache = caches.get(controller);
  if (!cache) {
    cache = new ImageSourceCache((hash) => controller.request('attachments.image', { hash }));
    caches.set(controller, cache);
  }
  return cache;
}

export type ImageSource =
  { state: 'waiting' } | { state: 'loaded'; src: string } | { state: 'failed'; reason: string };

/**
 * A stored image's data URL, asked for once `element` comes near the view (a long thread does not
 * load every image it ever showed), or at once when `element` is not given (the larger view).
 */
export function useImageSource(hash: string, element?: RefObject<HTMLElement | null>): ImageSource {
  const controller = useController();
  // Without IntersectionObserver (old test environments) every image loads at once.
  const [near, setNear] = useState(element === undefined || typeof IntersectionObserver === 'undefined');
  const [source, setSource] = useState<ImageSource>({ state: 'waiting' });

  useEffect(() => {
    const el = element?.current;
    if (near || !el) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) setNear(true);
      },
      { rootMargin: '400px 0px' },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [element, near]);

  useEffect(() => {
    if (!near) return;
    let live = true;
    void cacheFor(controller)
      .get(hash)
      .then((result) => {
        if (!live) return;
        setSource(
          result.ok
            ? { state: 'loaded', src: result.value.dataUrl }
            : { state: 'failed', reason: result.error.message },
        );
      });
    return () => {
      live = false;
    };
  }, [controller, hash, near]);

  return source;
}
