/** Entry of the bundled JS bench process (bench/ep.ts): node ep-solver-child.cjs THREADS STEPS → one JSON line. */
import { runSolverBench } from './ep-solver-run';

const [threads, steps] = process.argv.slice(2).map(Number);
console.log(JSON.stringify(runSolverBench(threads!, steps!)));
