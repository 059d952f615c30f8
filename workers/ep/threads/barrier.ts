/**
 * Shared-memory control block for the monodomain threads: a command counter the workers sleep on and a reusable
 * generation barrier (Atomics.wait is allowed on Node's main thread, so the main thread takes part as rank 0).
 */
export const CTRL = { command: 0, barrierCount: 1, barrierGeneration: 2, subSteps: 3, exit: 4, ready: 5 } as const;
export const CTRL_LENGTH = 8;

export function barrier(ctrl: Int32Array, parties: number): void {
  const generation = Atomics.load(ctrl, CTRL.barrierGeneration);
  if (Atomics.add(ctrl, CTRL.barrierCount, 1) === parties - 1) {
    Atomics.store(ctrl, CTRL.barrierCount, 0);
    Atomics.add(ctrl, CTRL.barrierGeneration, 1);
    Atomics.notify(ctrl, CTRL.barrierGeneration);
  } else {
    while (Atomics.load(ctrl, CTRL.barrierGeneration) === generation) Atomics.wait(ctrl, CTRL.barrierGeneration, generation);
  }
}
