/** Play/pause and a scrub slider for the voltage movie, with the frame's time in ms and the stimulus it follows. */
import { useEffect } from 'react';
import { stimulusBefore, type Stimulus } from './stimulus-schedule';
import { frameTimeMs, nextFrame, type FrameLayout } from './voltage-frames';

/** 20 frames per second: smooth enough to follow a wavefront, slow enough to see where it goes. */
const FRAME_PERIOD_MS = 50;

export function VoltageMovie({
  layout,
  stimuli,
  frame,
  playing,
  onFrame,
  onPlaying,
}: {
  layout: FrameLayout;
  stimuli: readonly Stimulus[];
  frame: number;
  playing: boolean;
  onFrame: (frame: number) => void;
  onPlaying: (playing: boolean) => void;
}) {
  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => onFrame(nextFrame(layout, frame)), FRAME_PERIOD_MS);
    return () => clearInterval(timer);
  }, [playing, layout, frame, onFrame]);

  const timeMs = frameTimeMs(layout, frame);
  const after = stimulusBefore(stimuli, timeMs);
  return (
    <div className="heart-movie">
      <button data-testid="heart-movie-play" onClick={() => onPlaying(!playing)} disabled={layout.frames < 2}>
        {playing ? '❚❚ Pause' : '▶ Play'}
      </button>
      <button data-testid="heart-movie-step" onClick={() => onFrame(nextFrame(layout, frame))} disabled={playing || layout.frames < 2} title="Next frame">
        ▶❙
      </button>
      <input
        type="range"
        data-testid="heart-movie-frame"
        aria-label="movie time"
        min={0}
        max={Math.max(0, layout.frames - 1)}
        step={1}
        value={frame}
        onChange={(e) => {
          onPlaying(false);
          onFrame(Number(e.target.value));
        }}
      />
      <span className="small heart-movie-time" data-testid="heart-movie-time" data-frame={frame} title="time from the first stimulus">
        t = {timeMs.toFixed(0)} ms
      </span>
      <span className="small muted" data-testid="heart-movie-stimulus">
        {after ? `${after.stimulus.label} + ${after.sinceMs.toFixed(0)} ms` : ''}
      </span>
    </div>
  );
}
