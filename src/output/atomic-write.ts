import writeFileAtomic from 'write-file-atomic';

/** Through a temporary file and a rename; loaded on the first write only. */
export async function writeAtomic(path: string, content: string): Promise<void> {
  await writeFileAtomic(path, content);
}
