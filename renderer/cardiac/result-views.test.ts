/** The result views rendered to markup (no DOM needed): events are listed with units and flagged in their rows. */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ChallengeDoseResult } from './challenge-result';
import { DoseTable } from './DoseTable';
import { EcgPlot } from './EcgPlot';
import { EventList } from './EventList';

const ecg = { dtMs: 1, values: Array.from({ length: 800 }, (_, t) => (t >= 5 && t < 25 ? 1 : t >= 250 && t < 320 ? 0.2 : 0)) };
const results: ChallengeDoseResult[] = [
  { dose: 0, heartRateBpm: 65, qtMs: 439.2, deltaQtMs: 0, events: [], ecg },
  {
    dose: 0.05,
    heartRateBpm: 76.25,
    qtMs: 499.3,
    deltaQtMs: 60.1,
    events: [{ kind: 'ead', timeMs: 1210.4, lps: [7.5, 0, 0], region: 'mid-myocardium' }],
    ecg,
  },
];
const noop = () => {};

describe('challenge result views', () => {
  it('lists each event with kind, dose, time in ms, region and LPS mm', () => {
    const html = renderToStaticMarkup(createElement(EventList, { results, selectedDose: null, onSelect: noop }));
    expect(html).toContain('data-testid="ep-event"');
    expect(html).toContain('early afterdepolarisation');
    expect(html).toContain('t = 1210 ms');
    expect(html).toContain('mid-myocardium');
    expect(html).toContain('LPS (7.5, 0.0, 0.0) mm');
  });

  it('says so when no dose produced an event', () => {
    const html = renderToStaticMarkup(createElement(EventList, { results: [results[0]!], selectedDose: null, onSelect: noop }));
    expect(html).toContain('No arrhythmia events');
  });

  it('rows carry their dose, QT and ΔQT in ms, and flag the LQT1 pattern and the events', () => {
    const html = renderToStaticMarkup(createElement(DoseTable, { results, selectedDose: 0.05, onSelect: noop }));
    expect(html).toMatch(/data-testid="ep-result-row" data-dose="0.05" class="selected has-events"/);
    expect(html).toContain('499 ms');
    expect(html).toContain('+60 ms');
    expect(html).toContain('LQT1 pattern');
    expect(html).toContain('⚡ 1');
  });

  it('marks the QT interval on the ECG from QRS onset to onset + QT', () => {
    const html = renderToStaticMarkup(createElement(EcgPlot, { result: results[0]!, selected: false, onSelect: noop }));
    expect(html).toContain('QT 439 ms');
    // the QT band spans 439 of the 800 ms trace
    const width = Number(/class="qt-band"[^>]*width="([\d.]+)"/.exec(html)![1]);
    expect(width / (360 - 46 - 10)).toBeCloseTo(439.2 / 800, 2);
  });
});
