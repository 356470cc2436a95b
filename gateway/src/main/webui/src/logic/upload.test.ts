// @vitest-environment node
// (Node's own Blob: slices and reads back like a browser's File)
import { describe, expect, it } from 'vitest';
import { ApiError, type UploadStatus } from '../api';
import { formatBytes, planChunks, retryable, uploadInChunks, type UploadCalls, type UploadProgress } from './upload';

/** A seed service in memory: keeps the chunks it got and checks their sizes as the real one does. */
function fakeServer(chunkBytes: number, fail: Record<number, ApiError[]> = {}) {
  const uploads = new Map<string, { name: string; bytes: number; chunks: number; parts: Map<number, Uint8Array> }>();
  const puts: number[] = [];
  let seq = 0;
  const status = (id: string): UploadStatus => {
    const u = uploads.get(id)!;
    const received = [...u.parts.keys()].sort((a, b) => a - b);
    return { upload_id: id, file_name: u.name, bytes: u.bytes, chunks: u.chunks, received, complete: received.length === u.chunks };
  };
  const calls: UploadCalls = {
    async create(name, bytes) {
      const id = `u${++seq}`;
      const chunks = Math.ceil(bytes / chunkBytes);
      uploads.set(id, { name, bytes, chunks, parts: new Map() });
      return { upload_id: id, file_name: name, bytes, chunk_bytes: chunkBytes, chunks, max_bytes: 1e9 };
    },
    async status(id) {
      return status(id);
    },
    async put(id, index, body, onBytes) {
      puts.push(index);
      const queued = fail[index];
      if (queued?.length) throw queued.shift();
      const u = uploads.get(id)!;
      const expected = index === u.chunks - 1 ? u.bytes - index * chunkBytes : chunkBytes;
      if (body.size !== expected) throw new ApiError(400, '400', `chunk ${index} holds ${body.size} bytes, expected ${expected}`);
      onBytes(body.size);
      u.parts.set(index, new Uint8Array(await body.arrayBuffer()));
      return status(id);
    },
  };
  const joined = (id: string) => {
    const u = uploads.get(id)!;
    return new TextDecoder().decode(new Uint8Array([...Array(u.chunks).keys()].flatMap((i) => [...u.parts.get(i)!])));
  };
  return { calls, puts, joined, uploads };
}

const file = (text: string, name = 'data.txt') => Object.assign(new Blob([text]), { name });
const noSleep = async () => undefined;

describe('planChunks', () => {
  it('cuts a file into chunk_bytes pieces, the last one the rest', () => {
    expect(planChunks(10, 4)).toEqual([
      { index: 0, start: 0, end: 4 },
      { index: 1, start: 4, end: 8 },
      { index: 2, start: 8, end: 10 },
    ]);
    expect(planChunks(8, 4).map((c) => c.end - c.start)).toEqual([4, 4]);
    expect(planChunks(3, 8)).toEqual([{ index: 0, start: 0, end: 3 }]);
    expect(planChunks(0, 8)).toEqual([]);
    expect(() => planChunks(10, 0)).toThrow();
  });

  it('plans as many chunks as the seed service counts for a 500 MB file', () => {
    const mb500 = 500 * 1024 * 1024;
    const chunk = 8 * 1024 * 1024;
    const plan = planChunks(mb500, chunk);
    expect(plan).toHaveLength(Math.ceil(mb500 / chunk));
    expect(plan[plan.length - 1].end).toBe(mb500);
  });
});

describe('uploadInChunks', () => {
  it('sends every chunk in order, reports byte progress, and the server joins the file unchanged', async () => {
    const server = fakeServer(5);
    const text = 'unit cycle s1\n1 1 0.5\n1 2 0.6\n';
    const seen: UploadProgress[] = [];
    const r = await uploadInChunks(file(text), server.calls, { onProgress: (p) => seen.push(p), sleep: noSleep });
    expect(r.chunks).toBe(Math.ceil(text.length / 5));
    expect(server.puts).toEqual([...Array(r.chunks).keys()]);
    expect(server.joined(r.upload_id)).toBe(text);
    const last = seen[seen.length - 1];
    expect(last).toMatchObject({ sent: text.length, total: text.length, done: r.chunks, chunks: r.chunks });
    // progress never goes back
    for (let i = 1; i < seen.length; i++) expect(seen[i].sent).toBeGreaterThanOrEqual(seen[i - 1].sent);
  });

  it('sends a chunk again after a network error or a busy gateway, but not after a refusal', async () => {
    const busy = fakeServer(4, { 1: [new ApiError(0, 'NETWORK', 'broken'), new ApiError(503, '503', 'busy')] });
    const waits: number[] = [];
    const r = await uploadInChunks(file('0123456789'), busy.calls, { sleep: async (ms) => void waits.push(ms) });
    expect(busy.puts).toEqual([0, 1, 1, 1, 2]);
    expect(waits).toEqual([1000, 2000]);
    expect(busy.joined(r.upload_id)).toBe('0123456789');

    const refused = fakeServer(4, { 0: [new ApiError(400, '400', 'bad chunk')] });
    await expect(uploadInChunks(file('0123456789'), refused.calls, { sleep: noSleep })).rejects.toThrow('bad chunk');
    expect(refused.puts).toEqual([0]);
  });

  it('gives up after the retries and honours Retry-After', async () => {
    const down = fakeServer(4, { 0: [0, 1, 2, 3].map(() => new ApiError(429, 'RATE_LIMITED', 'slow down', [], 7)) });
    const waits: number[] = [];
    await expect(uploadInChunks(file('abcdef'), down.calls, { retries: 2, sleep: async (ms) => void waits.push(ms) })).rejects.toThrow('slow down');
    expect(waits).toEqual([7000, 7000]);
  });

  it('resumes an upload: only the chunks the server lacks are sent', async () => {
    const server = fakeServer(3);
    const f = file('abcdefghij');
    const first = await server.calls.create(f.name, f.size);
    await server.calls.put(first.upload_id, 0, f.slice(0, 3), () => undefined);
    await server.calls.put(first.upload_id, 2, f.slice(6, 9), () => undefined);
    server.puts.length = 0;
    const seen: UploadProgress[] = [];
    const r = await uploadInChunks(f, server.calls, { resume: { uploadId: first.upload_id, chunkBytes: 3 }, onProgress: (p) => seen.push(p), sleep: noSleep });
    expect(r.upload_id).toBe(first.upload_id);
    expect(server.puts).toEqual([1, 3]);
    expect(seen[0]).toMatchObject({ sent: 6, done: 2, chunks: 4 });
    expect(server.joined(r.upload_id)).toBe('abcdefghij');
  });

  it('refuses to resume with another file and stops when aborted', async () => {
    const server = fakeServer(3);
    const first = await server.calls.create('a.txt', 10);
    await expect(uploadInChunks(file('short'), server.calls, { resume: { uploadId: first.upload_id, chunkBytes: 3 } })).rejects.toThrow(/10 bytes/);
    const stop = new AbortController();
    stop.abort();
    await expect(uploadInChunks(file('abcdefghij'), server.calls, { signal: stop.signal })).rejects.toThrow('stopped');
  });

  it('tells which errors are worth a retry', () => {
    expect(retryable(new ApiError(0, 'NETWORK', 'x'))).toBe(true);
    expect(retryable(new ApiError(502, '502', 'x'))).toBe(true);
    expect(retryable(new ApiError(429, 'RATE_LIMITED', 'x'))).toBe(true);
    expect(retryable(new ApiError(413, 'FILE_TOO_LARGE', 'x'))).toBe(false);
    expect(retryable(new ApiError(0, 'ABORTED', 'x'))).toBe(false);
    expect(retryable(new Error('x'))).toBe(false);
  });
});

describe('formatBytes', () => {
  it('formats sizes', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(2048)).toBe('2.0 kB');
    expect(formatBytes(500 * 1024 * 1024)).toBe('500 MB');
    expect(formatBytes(undefined)).toBe('–');
  });
});
