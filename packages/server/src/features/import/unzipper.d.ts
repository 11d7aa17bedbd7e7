/** The part of unzipper (ExcelJS's zip reader, no types of its own) that the XLSX guard uses. */
declare module 'unzipper' {
  import type { Duplex, PassThrough } from 'node:stream';
  export interface Entry extends PassThrough {
    path: string;
    type: 'File' | 'Directory';
    autodrain(): unknown;
  }
  export function Parse(opts?: { forceStream?: boolean; verbose?: boolean }): Duplex;
  const unzipper: { Parse: typeof Parse };
  export default unzipper;
}
