/** Worker processes under Electron: utilityProcess, the supported way to run Node work outside the main process. */
import { utilityProcess } from 'electron';
import type { FromWorker } from '../../workers/process/protocol';
import { exitReason, type WorkerHandle, type WorkerLauncher } from '../services/jobs/worker-launcher';

export class UtilityProcessLauncher implements WorkerLauncher {
  constructor(private readonly entry: string) {}

  launch(): WorkerHandle {
    const child = utilityProcess.fork(this.entry, [], { serviceName: 'Twin Workstation worker', stdio: 'inherit' });
    return {
      get pid() {
        return child.pid ?? null;
      },
      send: (message) => child.postMessage(message),
      onMessage: (listener) => child.on('message', (m: FromWorker) => listener(m)),
      onExit: (listener) => child.once('exit', (code) => listener(exitReason(code, null))),
      kill: () => {
        child.kill();
      },
    };
  }
}
