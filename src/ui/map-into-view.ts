/** Moves the map into view on a phone, where it sits above the panel (after "show on map"). */
export function bringMapIntoView(): void {
  if (window.matchMedia?.('(max-width: 720px)').matches) document.querySelector('.map-wrap')?.scrollIntoView({ block: 'start' });
}
