/** Reported after each page of rows and at the end of each table. */
export interface Progress {
  table: string;
  /** 1-based position of the table and how many there are. */
  tableIndex: number;
  tableCount: number;
  /** Rows of this table done so far, and in total. */
  rows: number;
  tableRows: number;
  done: boolean;
}
export type ProgressFn = (p: Progress) => void;
