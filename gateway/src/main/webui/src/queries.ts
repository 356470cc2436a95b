// React Query hooks for the API state the pages share.
import { useQuery } from '@tanstack/react-query';
import { enc, get, type Dataset, type Machine, type Seed, type TrainingJob } from './api';
import { limitsFrom, type Limits } from './logic/limits';

export const useMachines = () => useQuery({ queryKey: ['machines'], queryFn: () => get<Machine[]>('/machines') });

export const useDatasets = (machineId?: string) =>
  useQuery({
    queryKey: ['machine', machineId, 'datasets'],
    queryFn: () => get<Dataset[]>(`/machines/${enc(machineId!)}/datasets`),
    enabled: !!machineId,
  });

export const useSeeds = (machineId?: string) =>
  useQuery({
    queryKey: ['machine', machineId, 'seeds'],
    queryFn: () => get<Seed[]>(`/machines/${enc(machineId!)}/seeds`),
    enabled: !!machineId,
  });

export const useTrainingJobs = () => useQuery({ queryKey: ['training-jobs'], queryFn: () => get<TrainingJob[]>('/training/jobs') });

/** The workflow forms' limits, from the gateway's OpenAPI document (read once per page load). */
export const useApiLimits = () =>
  useQuery<Limits>({
    queryKey: ['openapi-limits'],
    queryFn: async () => {
      const r = await fetch('/q/openapi?format=json');
      if (!r.ok) throw new Error(`the API description did not load (${r.status})`);
      return limitsFrom(await r.json());
    },
    staleTime: Infinity,
  }).data;

export function categories(machines: Machine[] | undefined): string[] {
  return [...new Set((machines ?? []).map((m) => m.machine_type))].sort();
}
