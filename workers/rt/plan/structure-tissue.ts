/** Which radiobiology table entry (assets/rt/radiobiology TISSUES) a structure's name points to. */
const BY_NAME: [RegExp, string][] = [
  [/lung/i, 'lung'],
  [/heart/i, 'heart'],
  [/cord|spinal/i, 'spinalCord'],
  [/parotid/i, 'parotid'],
  [/rectum/i, 'rectum'],
  [/bladder/i, 'bladder'],
];

/** The tissue key for an organ at risk by its name, or undefined (then the generic 'normal' is used). */
export function tissueForStructureName(name: string): string | undefined {
  return BY_NAME.find(([re]) => re.test(name))?.[1];
}
