// UI state (Zustand): the page, toasts, the tasks the user is watching, and the wizard (kept in localStorage).
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { Profile, ProblemDetail } from './api';

export type Page = 'overview' | 'wizard' | 'machines' | 'training' | 'explorer' | 'batch' | 'validation';
export const PAGES: { id: Page; label: string }[] = [
  { id: 'overview', label: 'Overview' },
  { id: 'wizard', label: 'New machine' },
  { id: 'machines', label: 'Machines' },
  { id: 'training', label: 'Training' },
  { id: 'explorer', label: 'Data explorer' },
  { id: 'batch', label: 'Batch' },
  { id: 'validation', label: 'Validation' },
];

export interface Toast {
  id: number;
  tone: 'success' | 'error' | 'info';
  text: string;
}

interface UiState {
  toasts: Toast[];
  watched: Record<string, number>;
  explorer: { machineId?: string; datasetId?: string; split: string };
  toast: (tone: Toast['tone'], text: string) => void;
  dismiss: (id: number) => void;
  watch: (taskId: string) => void;
  unwatch: (taskId: string) => void;
  openExplorer: (machineId?: string, datasetId?: string) => void;
  setExplorer: (patch: Partial<UiState['explorer']>) => void;
}

let toastSeq = 1;

export const useUi = create<UiState>()((set) => ({
  toasts: [],
  watched: {},
  explorer: { split: 'train' },
  toast: (tone, text) => {
    const id = toastSeq++;
    set((s) => ({ toasts: [...s.toasts.slice(-4), { id, tone, text }] }));
    setTimeout(() => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })), tone === 'error' ? 12000 : 7000);
  },
  dismiss: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
  watch: (taskId) => set((s) => ({ watched: { ...s.watched, [taskId]: (s.watched[taskId] ?? 0) + 1 } })),
  unwatch: (taskId) =>
    set((s) => {
      const n = (s.watched[taskId] ?? 1) - 1;
      const watched = { ...s.watched };
      if (n <= 0) delete watched[taskId];
      else watched[taskId] = n;
      return { watched };
    }),
  openExplorer: (machineId, datasetId) => {
    set({ explorer: { machineId, datasetId, split: 'train' } });
    navigate('explorer');
  },
  setExplorer: (patch) => set((s) => ({ explorer: { ...s.explorer, ...patch } })),
}));

export function navigate(page: Page) {
  location.hash = '#/' + page;
}

export function pageFromHash(hash: string): Page {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return (PAGES.find((p) => p.id === id)?.id ?? 'overview') as Page;
}

export type WizardMethod = 'upload' | 'form' | 'template';

export interface WizardState {
  step: number;
  method?: WizardMethod;
  fileName?: string;
  format?: string;
  profile?: Profile;
  problems: ProblemDetail[];
  validated: boolean;
  machineId?: string;
  seedRows: number;
  seedTaskId?: string;
  seedId?: string;
  epochs: number;
  trainTaskId?: string;
  generationTaskId?: string;
  datasetId?: string;
  rows: number;
  set: (patch: Partial<WizardState>) => void;
  reset: () => void;
}

const wizardDefaults = {
  step: 0,
  problems: [] as ProblemDetail[],
  validated: false,
  seedRows: 2000,
  epochs: 100,
  rows: 10000,
};

export const WIZARD_STEPS = ['Input method', 'Profile', 'Validate & fix', 'Create', 'Seed data', 'Train', 'Generate & validate'];

export const useWizard = create<WizardState>()(
  persist(
    (set) => ({
      ...wizardDefaults,
      set: (patch) => set(patch),
      reset: () =>
        set({
          ...wizardDefaults,
          method: undefined,
          fileName: undefined,
          format: undefined,
          profile: undefined,
          machineId: undefined,
          seedTaskId: undefined,
          seedId: undefined,
          trainTaskId: undefined,
          generationTaskId: undefined,
          datasetId: undefined,
        }),
    }),
    {
      name: 'fleetsynth.wizard',
      partialize: (s) => {
        // eslint-disable-next-line @typescript-eslint/no-unused-vars
        const { set, reset, ...data } = s;
        return data;
      },
    },
  ),
);
