// The machine a bench ran on, printed first so figures are never read without it.
import os from 'node:os';

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  node: string;
  platform: string;
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism?.() ?? cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}

export function printMachineInfo(title: string): MachineInfo {
  const info = machineInfo();
  console.log(`# ${title}`);
  console.log(`machine: ${info.cpuModel}, ${info.cores} cores, ${info.memoryGiB} GiB RAM, ${info.platform}, Node ${info.node}`);
  console.log(`date: ${new Date().toISOString()}`);
  console.log('');
  return info;
}
