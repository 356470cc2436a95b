// React Query hooks for the API state the pages share.
import { useQuery } from '@tanstack/react-query';
import { enc, get, type Dataset, type Machine, type Seed, type TrainingJob } from './api';

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

export const useTrainingJobs = () =>
  useQuery({ queryKey: ['training-jobs'], queryFn: () => get<TrainingJob[]>('/training/jobs') });

export function categories(machines: Machine[] | undefined): string[] {
  return [...new Set((machines ?? []).map((m) => m.machine_type))].sort();
}
