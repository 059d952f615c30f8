export function findElectronBinary(): { binary: string } | { missing: string };
