/** The heart view's panels rendered to markup (no DOM needed): colour bar range and units, events, movie time. */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ACTIVATION_MAP } from './color-maps';
import { ColorBar } from './ColorBar';
import { HeartEventList } from './HeartEventList';
import { VoltageMovie } from './VoltageMovie';

const noop = () => {};
/** The markup's text, as read on screen. */
const text = (html: string) => html.replace(/<!-- -->/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();

describe('patient-heart panels', () => {
  it('labels the colour bar with its range in ms and paints the map’s gradient', () => {
    const html = renderToStaticMarkup(createElement(ColorBar, { map: ACTIVATION_MAP, range: [12, 148], label: 'Activation time', unit: 'ms' }));
    expect(html).toContain('data-map="activation"');
    expect(text(html)).toContain('12 80 148 ms');
    expect(html).toContain('linear-gradient(to right, rgb(220, 30, 30) 0%');
  });

  it('lists events with kind, time, region and LPS, the selected one marked', () => {
    const events = [
      { kind: 're-entry', timeMs: 1432.6, lps: [10, -20.25, 30] as [number, number, number], region: 'mid anterior' },
      { kind: 'conduction-block', timeMs: 900, lps: [0, 0, 0] as [number, number, number], region: 'apex' },
    ];
    const html = renderToStaticMarkup(createElement(HeartEventList, { events, selected: 1, onSelect: noop }));
    expect(html.match(/data-testid="heart-event"/g)).toHaveLength(2);
    expect(html).toContain('re-entry');
    expect(text(html)).toContain('t = 1433 ms');
    expect(html).toContain('mid anterior');
    expect(html).toContain('LPS (10.0, -20.3, 30.0) mm');
    expect(html).toMatch(/class="selected"[^>]*>.*conduction block/);
  });

  it('says so when a run has no events', () => {
    expect(renderToStaticMarkup(createElement(HeartEventList, { events: [], selected: null, onSelect: noop }))).toContain('No arrhythmia events');
  });

  it('shows the movie frame’s time in ms and the stimulus it follows', () => {
    const html = renderToStaticMarkup(
      createElement(VoltageMovie, {
        layout: { frames: 41, vertices: 10, frameIntervalMs: 5 },
        stimuli: [
          { label: 'S1 1/1', timeMs: 0 },
          { label: 'S2', timeMs: 30 },
        ],
        frame: 7,
        playing: false,
        onFrame: noop,
        onPlaying: noop,
      }),
    );
    expect(text(html)).toContain('t = 35 ms S2 + 5 ms');
    expect(html).toContain('max="40"');
  });
});
