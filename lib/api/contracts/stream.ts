import type { Contract } from '../contract';

export const streamContracts: Record<string, Contract> = {};
