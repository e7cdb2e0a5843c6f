import type { Contract } from '../contract';

export const readingContracts: Record<string, Contract> = {};
