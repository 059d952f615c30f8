/**
 * CT number (HU) → electron density relative to water, for the heterogeneity correction of the dose engine.
 *
 * Source: the inserts of the CIRS Model 062M electron density phantom with their nominal relative electron
 * densities from the CIRS data sheet (lung inhale 0.190, lung exhale 0.489, adipose 0.949, breast 0.976,
 * water 1.000, muscle 1.043, liver 1.052, trabecular bone 1.117, dense bone 800 mg/cc 1.456); the HU beside each
 * is a typical 120 kVp reading of that insert, not a measurement of any scanner here. Every scanner needs its
 * own calibration: this table is the default until a measured one is loaded. Air and the upper end are anchors.
 */
export interface HuToRedTable {
  hu: readonly number[];
  relativeElectronDensity: readonly number[];
  source: string;
}

export const CIRS_062M_TYPICAL: HuToRedTable = {
  hu: [-1000, -800, -500, -90, -40, 0, 40, 60, 240, 900, 1250, 3000],
  relativeElectronDensity: [0.001, 0.19, 0.489, 0.949, 0.976, 1.0, 1.043, 1.052, 1.117, 1.456, 1.695, 2.8],
  source: 'CIRS Model 062M nominal relative electron densities; HU typical of a 120 kVp scanner',
};
