import type { Contract } from '../contract';

export const writingContracts: Record<string, Contract> = {};
