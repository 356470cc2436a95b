// UI state (Zustand): the page, toasts, the tasks the user is watching, and the wizard (kept in localStorage).
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { ColumnMapping, IngestOptions, Preview, Profile, ProblemDetail } from './api';
import type { ModelKind, Strategy } from './logic/ingest';

export type Page = 'overview' | 'wizard' | 'data' | 'machines' | 'training' | 'explorer' | 'compare' | 'batch' | 'validation';
export const PAGES: { id: Page; label: string }[] = [
  { id: 'overview', label: 'Overview' },
  { id: 'wizard', label: 'New machine' },
  { id: 'data', label: 'Bring your data' },
  { id: 'machines', label: 'Machines' },
  { id: 'training', label: 'Training' },
  { id: 'explorer', label: 'Data explorer' },
  { id: 'compare', label: 'Compare models' },
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
  model: 'trajectory' | 'tvae';
  epochs: number;
  trainTaskId?: string;
  generationTaskId?: string;
  datasetId?: string;
  rows: number;
  /** Seed data then trains and generates by itself (the API's auto pipeline), the wizard following along. */
  auto: boolean;
  /** Whose next task the wizard moves on to when it succeeds: the seed's training, then the training's generation. */
  following?: 'seed' | 'training';
  set: (patch: Partial<WizardState>) => void;
  reset: () => void;
}

const wizardDefaults = {
  step: 0,
  problems: [] as ProblemDetail[],
  validated: false,
  seedRows: 2000,
  model: 'trajectory' as const,
  epochs: 100,
  rows: 10000,
  auto: false,
};

/** The wizard's tasks and results of one machine, none yet: a new machine or a reset starts from these. */
export const NO_TASKS = {
  seedTaskId: undefined,
  seedId: undefined,
  trainTaskId: undefined,
  generationTaskId: undefined,
  datasetId: undefined,
  following: undefined,
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
          ...NO_TASKS,
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

export const UPLOAD_STEPS = ['Upload', 'Preview & profile', 'Clean', 'Map columns', 'Machine & strategy', 'Ingest, train & compare'];

/** The "Bring your data" flow (kept in localStorage, so a reload resumes it; the file itself is not kept). */
export interface UploadFlowState {
  step: number;
  fileName?: string;
  fileSize?: number;
  uploadId?: string;
  chunkBytes?: number;
  uploaded: boolean;
  /** the options the preview was made with (column names of a headerless file) */
  options: IngestOptions;
  /** the machine whose profile the preview mapped the columns onto */
  mapOnto?: string;
  preview?: Preview;
  mapping?: ColumnMapping;
  missing: 'fill' | 'drop';
  holdoutPercent: number;
  rulCap?: number | null;
  target: 'new' | 'existing';
  newMachineId?: string;
  existingMachineId?: string;
  strategy: Strategy;
  model: ModelKind;
  baseModelId?: string;
  epochs: number;
  /** the machine the data went into */
  machineId?: string;
  ingestTaskId?: string;
  seedId?: string;
  trainTaskId?: string;
  generationTaskId?: string;
  datasetId?: string;
  set: (patch: Partial<UploadFlowState>) => void;
  reset: () => void;
}

const uploadDefaults = {
  step: 0,
  uploaded: false,
  options: {} as IngestOptions,
  missing: 'fill' as const,
  holdoutPercent: 20,
  target: 'new' as const,
  strategy: 'data' as Strategy,
  model: 'auto' as ModelKind,
  epochs: 100,
};

const uploadCleared = {
  fileName: undefined,
  fileSize: undefined,
  uploadId: undefined,
  chunkBytes: undefined,
  mapOnto: undefined,
  preview: undefined,
  mapping: undefined,
  rulCap: undefined,
  newMachineId: undefined,
  existingMachineId: undefined,
  baseModelId: undefined,
  machineId: undefined,
  ingestTaskId: undefined,
  seedId: undefined,
  trainTaskId: undefined,
  generationTaskId: undefined,
  datasetId: undefined,
};

export const useUploadFlow = create<UploadFlowState>()(
  persist(
    (set) => ({
      ...uploadDefaults,
      set: (patch) => set(patch),
      reset: () => set({ ...uploadDefaults, ...uploadCleared }),
    }),
    {
      name: 'fleetsynth.upload',
      partialize: (s) => {
        // eslint-disable-next-line @typescript-eslint/no-unused-vars
        const { set, reset, ...data } = s;
        return data;
      },
    },
  ),
);
