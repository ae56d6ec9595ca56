/**
 * Photos taken on the phone, made ready to wait in the queue: JPEG, PNG and WebP under the server's limit are
 * kept as they are (the server re-encodes them and strips their metadata); anything else a browser can decode
 * (HEIC on some phones) or anything too large is drawn onto a canvas and stored as a JPEG of at most 2048 px.
 */
const KEPT_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
/** Below the server's 8 MB so that a photo is never refused for its size. */
const KEEP_MAX_BYTES = 6 * 1024 * 1024;
const MAX_EDGE = 2048;

export class NotAnImageError extends Error {
  constructor(readonly fileName: string) {
    super(`${fileName} is not a picture`);
  }
}

export async function preparePhoto(file: File): Promise<Blob> {
  if (KEPT_TYPES.includes(file.type) && file.size <= KEEP_MAX_BYTES) return file;
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    throw new NotAnImageError(file.name);
  }
  const scale = Math.min(1, MAX_EDGE / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob === null ? reject(new NotAnImageError(file.name)) : resolve(blob)),
      'image/jpeg',
      0.85,
    ),
  );
}
