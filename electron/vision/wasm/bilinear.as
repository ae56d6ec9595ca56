// AssemblyScript source of the bilinear sampler (compiled by `npm run build:wasm` into bilinear-wasm.ts).
//
// Samples a packed BGR24 frame into three float32 planes. The host fills the tables (the same ones as the
// JavaScript sampler): per output column the byte offset of the left source pixel and the weight of the right
// one; per output row the byte offsets of the upper and lower source rows and the weight of the lower one.
// The right pixel is always the left one + 3 bytes, or has weight 0 (last column, nearest sampling), so one
// unaligned 64-bit load per source row reads both pixels. The source buffer has 8 spare bytes at its end.

export function sample(
  src: usize,
  out0: usize,
  out1: usize,
  out2: usize,
  xlo: usize,
  xw: usize,
  ylo: usize,
  yhi: usize,
  yw: usize,
  cw: i32,
  ch: i32,
  rowPitch: i32,
): void {
  for (let y = 0; y < ch; y++) {
    const r0 = src + <usize>load<i32>(ylo + (<usize>y << 2));
    const r1 = src + <usize>load<i32>(yhi + (<usize>y << 2));
    const wy = load<f32>(yw + (<usize>y << 2));
    const row = <usize>(y * rowPitch) << 2;
    for (let x = 0; x < cw; x++) {
      const l = <usize>load<i32>(xlo + (<usize>x << 2));
      const wx = load<f32>(xw + (<usize>x << 2));
      const t = load<u64>(r0 + l);
      const b = load<u64>(r1 + l);
      const tB = <f32>(<u32>t & 0xff);
      const tG = <f32>(<u32>(t >> 8) & 0xff);
      const tR = <f32>(<u32>(t >> 16) & 0xff);
      const bB = <f32>(<u32>b & 0xff);
      const bG = <f32>(<u32>(b >> 8) & 0xff);
      const bR = <f32>(<u32>(b >> 16) & 0xff);
      const topB = tB + (<f32>(<u32>(t >> 24) & 0xff) - tB) * wx;
      const topG = tG + (<f32>(<u32>(t >> 32) & 0xff) - tG) * wx;
      const topR = tR + (<f32>(<u32>(t >> 40) & 0xff) - tR) * wx;
      const botB = bB + (<f32>(<u32>(b >> 24) & 0xff) - bB) * wx;
      const botG = bG + (<f32>(<u32>(b >> 32) & 0xff) - bG) * wx;
      const botR = bR + (<f32>(<u32>(b >> 40) & 0xff) - bR) * wx;
      const o = row + (<usize>x << 2);
      store<f32>(out0 + o, topB + (botB - topB) * wy);
      store<f32>(out1 + o, topG + (botG - topG) * wy);
      store<f32>(out2 + o, topR + (botR - topR) * wy);
    }
  }
}
