/**
 * Hounsfield-unit ranges behind the threshold presets, each with where it comes from.
 * Water is 0 HU and air −1000 HU by definition of the scale; the rest are tissue values from the literature.
 */
export interface HuRange {
  lowHu: number;
  highHu: number;
}

export const HU_RANGES = {
  /**
   * Body (everything denser than lung and air): above −400 HU. Fat is about −100 HU, so −400 separates the patient
   * from the surrounding air with a wide margin; lung (−900…−500 HU) falls outside and is closed by hole filling.
   */
  body: { lowHu: -400, highHu: 4000 },
  /**
   * Air and aerated lung: at most −400 HU. Hu, Hoffman, Reinhardt, "Automatic lung segmentation for accurate
   * quantitation of volumetric X-ray CT images", IEEE TMI 20(6) 2001 find the optimal lung/chest-wall threshold
   * between about −500 and −400 HU; −400 keeps the partial-volume rim at the pleura inside the lung.
   */
  air: { lowHu: -1100, highHu: -400 },
  /**
   * Bone: at least 400 HU, a common CT bone threshold, a little above the 370 HU partial-volume midpoint between
   * soft tissue (40 HU) and a cortical/cancellous mix (700 HU): a midpoint threshold overestimates thin curved bone
   * (ribs are tubes of about 5 mm radius, sampled by 2.5–3 mm slices) by about 3 %, 400 HU by under 2 %.
   * Trabecular bone (about 200–400 HU) is partly left out. Sources: Schreiber, Anderson, Hsu, "Hounsfield units for
   * assessing bone mineral density", J Bone Joint Surg Am 93(11) 2011; tissue table of Schneider, Bortfeld,
   * Schlegel, Phys Med Biol 45 2000.
   */
  bone: { lowHu: 400, highHu: 4000 },
  /**
   * Contrast-enhanced blood pool: 225–600 HU. Cardiac CT angiography aims at 250–450 HU in the left ventricle
   * (SCCT guidelines, Abbara et al., J Cardiovasc Comput Tomogr 10(6) 2016); 225 is half-way between that blood
   * (≈350) and enhanced myocardium (≈100), the iso-level of their boundary.
   */
  contrastBlood: { lowHu: 225, highHu: 600 },
  /** Enhanced myocardium in the arterial phase, ≈100 HU: from half-way to unenhanced muscle (70) to half-way to the blood pool (225). */
  enhancedMyocardium: { lowHu: 70, highHu: 225 },
  /**
   * Heart (muscle, blood and myocardium) against the pericardial fat around it: above −25 HU, half-way between fat
   * (−90 HU) and muscle or blood (40 HU).
   */
  heart: { lowHu: -25, highHu: 600 },
} as const satisfies Record<string, HuRange>;
