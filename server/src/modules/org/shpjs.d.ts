/** The two entry points of shpjs 6.2.0 the area import uses (the package ships no types). */
declare module 'shpjs' {
  /** Geometries of a .shp in file order (null for a null shape); without `prj`, coordinates are returned as stored. */
  export function parseShp(shp: ArrayBuffer | ArrayBufferView, prj?: string): ({ type: string; coordinates: unknown } | null)[];
  /** Records of a .dbf in file order, text decoded with the code page named by the .cpg. */
  export function parseDbf(dbf: ArrayBuffer | ArrayBufferView, cpg?: string): Record<string, unknown>[];
}
