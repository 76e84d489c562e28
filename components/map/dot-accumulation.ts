import type { Device, Framebuffer, RenderPass } from '@luma.gl/core';
import { Model } from '@luma.gl/engine';

/**
 * Live dots drawn once, not once per frame, on software renderers.
 *
 * Why: with 100k live points spread over the city (a 1920×1080 console at zoom 12), every deck.gl frame shaded
 * ≈ 10 M dot fragments (each dot a 9×9 sprite, ~7 dots deep). On a GPU that is nothing; in SwiftShader (no GPU: VDI,
 * remote desktops, the bench box) it was ~300 ms of software rendering per frame, and the page's main thread waits
 * for it in the compositor's Commit. A live batch adds ~1,000 dots and removes as many of the oldest: redrawing the
 * other 99,000 each time was the whole cost (bench:map trace: the same 100 batches with the points panned off screen,
 * streets still drawn, cost ~8× less commit time; hiding the street canvas changed little).
 *
 * So the dots are kept in a texture the size of the canvas: a batch draws only its new slots into it, and each frame
 * composites the texture (one full-screen pass, premultiplied "over": the same pixels as drawing the dots there).
 * Everything is redrawn when the picture would differ otherwise: the view or the canvas moved or resized, the look
 * changed, the ring was emptied, more than a ring's worth arrived at once, or points were evicted from the ring and
 * `refreshMs` passed since the last full draw (evicted points are the oldest of the ring; they may stay on screen
 * that long).
 */

/** The ring as the store describes it (event-store.ts). */
export interface RingMark {
  /** Located events written into the ring since it was last emptied. */
  written: number;
  /** Next slot to write. */
  head: number;
  /** Filled slots. */
  length: number;
  capacity: number;
}

export interface AccumulatedState {
  /** What the picture depends on besides the data (view, canvas size, look). */
  key: string;
  written: number;
  length: number;
  /** `written` and time (ms) at the last full draw. */
  fullWritten: number;
  fullAt: number;
}

export type DrawPlan = { full: true } | { full: false; ranges: [number, number][] };

export const EVICTED_REFRESH_MS = 15_000;

/** What to draw into the texture now. Pure: tests/unit/map-dot-accumulation.test.ts. */
export function planDots(prev: AccumulatedState | null, key: string, ring: RingMark, now: number, refreshMs = EVICTED_REFRESH_MS): DrawPlan {
  if (!prev || prev.key !== key || ring.written < prev.written || ring.length < prev.length) return { full: true };
  const added = ring.written - prev.written;
  if (added >= ring.capacity) return { full: true };
  const evicted = Math.max(0, ring.written - ring.capacity) - Math.max(0, prev.fullWritten - ring.capacity);
  if (evicted > 0 && now - prev.fullAt >= refreshMs) return { full: true };
  if (added === 0) return { full: false, ranges: [] };
  const start = (ring.head - added + ring.capacity) % ring.capacity;
  return { full: false, ranges: start + added <= ring.capacity ? [[start, start + added]] : [[start, ring.capacity], [0, ring.head]] };
}

export function afterDraw(prev: AccumulatedState | null, plan: DrawPlan, key: string, ring: RingMark, now: number): AccumulatedState {
  return plan.full || !prev
    ? { key, written: ring.written, length: ring.length, fullWritten: ring.written, fullAt: now }
    : { ...prev, written: ring.written, length: ring.length };
}

const blitVs = /* glsl */ `\
#version 300 es
void main(void) {
  // One triangle covering the viewport.
  vec2 p = vec2(float((gl_VertexID << 1) & 2), float(gl_VertexID & 2));
  gl_Position = vec4(p * 2.0 - 1.0, 0.0, 1.0);
}
`;
const blitFs = /* glsl */ `\
#version 300 es
precision highp float;
uniform sampler2D accumulated;
out vec4 fragColor;
void main(void) {
  fragColor = texelFetch(accumulated, ivec2(gl_FragCoord.xy), 0);
}
`;

/** The texture the dots accumulate in, and the pass that puts it on the canvas. */
export class DotAccumulator {
  private fbo: Framebuffer;
  private blit: Model;

  constructor(private readonly device: Device, width: number, height: number) {
    this.fbo = device.createFramebuffer({ id: 'live-dots-accumulated', width, height, colorAttachments: ['rgba8unorm'] });
    this.blit = new Model(device, {
      id: 'live-dots-composite',
      vs: blitVs,
      fs: blitFs,
      topology: 'triangle-list',
      vertexCount: 3,
      bindings: { accumulated: this.fbo.colorAttachments[0]!.texture },
      // The texture holds premultiplied colour (deck.gl's blending writes it so): composited "over" what lies below.
      parameters: {
        blend: true,
        blendColorOperation: 'add',
        blendColorSrcFactor: 'one',
        blendColorDstFactor: 'one-minus-src-alpha',
        blendAlphaOperation: 'add',
        blendAlphaSrcFactor: 'one',
        blendAlphaDstFactor: 'one-minus-src-alpha',
        depthWriteEnabled: false,
        depthCompare: 'always',
      },
    });
  }

  /** Draws into the texture: `drawDots(pass)` issues the dot draws; `clear` starts from an empty picture. */
  update(width: number, height: number, clear: boolean, drawDots: (pass: RenderPass) => void): void {
    if (this.fbo.width !== width || this.fbo.height !== height) {
      this.fbo.resize({ width, height });
      this.blit.setBindings({ accumulated: this.fbo.colorAttachments[0]!.texture });
    }
    const pass = this.device.beginRenderPass({ id: 'live-dots-accumulate', framebuffer: this.fbo, clearColor: clear ? [0, 0, 0, 0] : false, clearDepth: false, clearStencil: false });
    drawDots(pass);
    pass.end();
  }

  composite(pass: RenderPass): void {
    this.blit.draw(pass);
  }

  destroy(): void {
    this.blit.destroy();
    this.fbo.destroy();
  }
}
