import type { Contract } from '../contract';
import { accountContracts } from './account';
import { readingContracts } from './reading';
import { streamContracts } from './stream';
import { writingContracts } from './writing';

/** Every endpoint of /api/v1: the OpenAPI document lists these, and a test checks each has its route and no route is missing. */
export const CONTRACTS: readonly Contract[] = [
  ...Object.values(accountContracts),
  ...Object.values(readingContracts),
  ...Object.values(writingContracts),
  ...Object.values(streamContracts),
];
