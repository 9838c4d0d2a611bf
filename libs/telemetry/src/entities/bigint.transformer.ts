import { type ValueTransformer } from 'typeorm';

/** bigint columns as JS numbers: millimetres and milliseconds stay far below 2^53. */
export const bigintNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
