// Chunked uploads of users' data files: the chunk plan the seed service expects (chunk_bytes each,
// the last one the rest), sending them one by one with byte progress, retrying a chunk the network
// or a busy gateway lost, and resuming an upload whose chunks partly arrived.
import { ApiError, type UploadCreated, type UploadStatus } from '../api';

export interface Chunk {
  index: number;
  start: number;
  /** exclusive */
  end: number;
}

/** The chunks of a file of `bytes` bytes: `chunkBytes` each, the last one the rest. */
export function planChunks(bytes: number, chunkBytes: number): Chunk[] {
  if (!Number.isFinite(bytes) || bytes < 0) throw new Error(`not a file size: ${bytes}`);
  if (!Number.isInteger(chunkBytes) || chunkBytes < 1) throw new Error(`not a chunk size: ${chunkBytes}`);
  const out: Chunk[] = [];
  for (let index = 0, start = 0; start < bytes; index++, start += chunkBytes) {
    out.push({ index, start, end: Math.min(bytes, start + chunkBytes) });
  }
  return out;
}

/** The calls an upload makes (the gateway's, or fakes in tests). */
export interface UploadCalls {
  create(fileName: string, bytes: number): Promise<UploadCreated>;
  status(uploadId: string): Promise<UploadStatus>;
  put(uploadId: string, index: number, body: Blob, onBytes: (sent: number) => void, signal?: AbortSignal): Promise<UploadStatus>;
}

export interface UploadProgress {
  /** bytes that have arrived (chunks done plus the part of the current one sent) */
  sent: number;
  total: number;
  /** chunks done */
  done: number;
  chunks: number;
}

export interface UploadOptions {
  /** an upload of this same file begun before: only its missing chunks are sent */
  resume?: { uploadId: string; chunkBytes: number };
  onStart?: (created: { upload_id: string; chunk_bytes: number; chunks: number }) => void;
  onProgress?: (p: UploadProgress) => void;
  signal?: AbortSignal;
  /** tries per chunk after the first; default 3 */
  retries?: number;
  /** waits between tries (tests pass a no-op) */
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Whether a failed chunk is worth sending again: the network, a busy or failing gateway; never a refusal. */
export function retryable(e: unknown): boolean {
  if (!(e instanceof ApiError)) return false;
  if (e.code === 'ABORTED') return false;
  return e.status === 0 || e.status === 429 || e.status >= 500;
}

/**
 * Sends `file` in chunks and answers the upload's id once every chunk has arrived. A resumed upload
 * asks which chunks the server already has and sends the others.
 */
export async function uploadInChunks(file: Blob & { name: string }, calls: UploadCalls, o: UploadOptions = {}): Promise<{ upload_id: string; chunks: number }> {
  const sleep = o.sleep ?? realSleep;
  const retries = o.retries ?? 3;
  let uploadId: string;
  let chunkBytes: number;
  let have = new Set<number>();
  if (o.resume) {
    const s = await calls.status(o.resume.uploadId);
    if (s.bytes != null && s.bytes !== file.size) throw new Error(`the upload is of a file of ${s.bytes} bytes, this one has ${file.size}`);
    uploadId = o.resume.uploadId;
    chunkBytes = o.resume.chunkBytes;
    have = new Set(s.received);
  } else {
    const c = await calls.create(file.name, file.size);
    uploadId = c.upload_id;
    chunkBytes = c.chunk_bytes;
  }
  const chunks = planChunks(file.size, chunkBytes);
  o.onStart?.({ upload_id: uploadId, chunk_bytes: chunkBytes, chunks: chunks.length });
  let sentDone = chunks.filter((c) => have.has(c.index)).reduce((n, c) => n + c.end - c.start, 0);
  let done = have.size;
  const report = (partial: number) => o.onProgress?.({ sent: sentDone + partial, total: file.size, done, chunks: chunks.length });
  report(0);
  let complete = chunks.every((c) => have.has(c.index));
  for (const c of chunks) {
    if (have.has(c.index)) continue;
    for (let attempt = 0; ; attempt++) {
      if (o.signal?.aborted) throw new ApiError(0, 'ABORTED', 'The upload was stopped');
      try {
        const s = await calls.put(uploadId, c.index, file.slice(c.start, c.end), (n) => report(Math.min(n, c.end - c.start)), o.signal);
        complete = s.complete;
        break;
      } catch (e) {
        if (attempt >= retries || !retryable(e)) throw e;
        const wait = e instanceof ApiError && e.retryAfter ? e.retryAfter * 1000 : 1000 * 2 ** attempt;
        await sleep(wait);
      }
    }
    sentDone += c.end - c.start;
    done++;
    report(0);
  }
  if (!complete) {
    const s = await calls.status(uploadId);
    if (!s.complete)
      throw new ApiError(
        409,
        'UPLOAD_INCOMPLETE',
        `chunks ${chunks
          .filter((c) => !s.received.includes(c.index))
          .map((c) => c.index)
          .join(', ')} did not arrive`,
      );
  }
  return { upload_id: uploadId, chunks: chunks.length };
}

export function formatBytes(n: number | undefined): string {
  if (n == null || !Number.isFinite(n)) return '–';
  if (n < 1024) return `${n} B`;
  const units = ['kB', 'MB', 'GB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
}
