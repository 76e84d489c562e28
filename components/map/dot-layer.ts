import { Layer, project32, type DefaultProps, type LayerProps, type UpdateParameters } from '@deck.gl/core';
// deck.gl's own rendering engine (a dependency of @deck.gl/core, same release): custom layers build their Model with it.
import { Model } from '@luma.gl/engine';
import { afterDraw, DotAccumulator, planDots, type AccumulatedState, type RingMark } from './dot-accumulation';

/**
 * Many same-size dots as one `point-list` draw: one vertex per dot, the circle and its rim cut out in the fragment
 * shader from `gl_PointCoord`.
 *
 * Why not ScatterplotLayer: it draws an instanced quad per dot. On a GPU that is as fast, but consoles also run on
 * machines with no usable GPU (VDI, remote desktop, a blocked driver), where Chromium renders WebGL in software
 * (SwiftShader), and SwiftShader pays per instance: measured on the 2-core bench box, one redraw of 100k instanced
 * dots took 2.8–3.9 s, this layer 0.9–1.3 s (0.3–0.7 s without MSAA, see live-map.tsx). While the compositor waits
 * for that frame the page's main thread is blocked in Commit and socket messages queue behind it (bench:map's
 * message → layer p95 was 3.7 s at 100k). Dots are a few pixels wide, far below every GPU's point-size limit.
 */

export interface DotLayerProps {
  /** Radius of the fill in CSS pixels. */
  radiusPixels?: number;
  /** Rim width in CSS pixels (0: no rim). */
  lineWidthPixels?: number;
  /** Rim colour, RGBA 0–255. */
  lineColor?: [number, number, number, number];
  getPosition?: unknown;
  getFillColor?: unknown;
  /**
   * The data is a ring buffer written in place (the live store): given, the dots accumulate in a texture and a
   * frame draws only the slots written since the last one (dot-accumulation.ts: why, and when it redraws all).
   */
  ring?: RingMark | null;
}

const uniformBlock = /* glsl */ `\
layout(std140) uniform dotUniforms {
  float radiusPixels;
  float lineWidthPixels;
  vec4 lineColor;
} dot;
`;

const dotUniforms = {
  name: 'dot',
  vs: uniformBlock,
  fs: uniformBlock,
  uniformTypes: { radiusPixels: 'f32', lineWidthPixels: 'f32', lineColor: 'vec4<f32>' },
} as const;

const vs = /* glsl */ `\
#version 300 es
#define SHADER_NAME dot-layer-vertex-shader
in vec2 positions;
in vec4 fillColors;
out vec4 vFillColor;
out float vOuterPixels;
void main(void) {
  geometry.worldPosition = vec3(positions, 0.0);
  gl_Position = project_position_to_clipspace(geometry.worldPosition, vec3(0.0), vec3(0.0), geometry.position);
  DECKGL_FILTER_GL_POSITION(gl_Position, geometry);
  vOuterPixels = dot.radiusPixels + dot.lineWidthPixels * 0.5;
  // The sprite reaches just past the anti-aliased edge (every covered pixel is shaded, and a software renderer pays
  // for each one); gl_PointSize is in device pixels.
  gl_PointSize = (vOuterPixels + SMOOTH_EDGE_RADIUS) * 2.0 * project.devicePixelRatio;
  vFillColor = vec4(fillColors.rgb, fillColors.a * layer.opacity);
  DECKGL_FILTER_COLOR(vFillColor, geometry);
}
`;

const fs = /* glsl */ `\
#version 300 es
#define SHADER_NAME dot-layer-fragment-shader
precision highp float;
in vec4 vFillColor;
in float vOuterPixels;
out vec4 fragColor;
void main(void) {
  vec2 unit = gl_PointCoord * 2.0 - 1.0;
  geometry.uv = unit;
  float dist = length(unit) * (vOuterPixels + SMOOTH_EDGE_RADIUS);
  if (dist >= vOuterPixels + SMOOTH_EDGE_RADIUS) {
    discard;
  }
  float inCircle = smoothedge(dist, vOuterPixels);
  float isLine = dot.lineWidthPixels > 0.0 ? smoothedge(vOuterPixels - dot.lineWidthPixels, dist) : 0.0;
  fragColor = mix(vFillColor, vec4(dot.lineColor.rgb, dot.lineColor.a * layer.opacity), isLine);
  fragColor.a *= inCircle;
  DECKGL_FILTER_COLOR(fragColor, geometry);
}
`;

const defaultProps: DefaultProps<DotLayerProps> = {
  radiusPixels: { type: 'number', min: 0, value: 3.5 },
  lineWidthPixels: { type: 'number', min: 0, value: 1 },
  lineColor: { type: 'color', value: [0, 0, 0, 255] },
  getPosition: { type: 'accessor', value: (x: { position: number[] }) => x.position },
  getFillColor: { type: 'accessor', value: [0, 0, 0, 255] },
  ring: { type: 'object', value: null, compare: false },
};

export class DotLayer extends Layer<Required<DotLayerProps> & LayerProps> {
  static override layerName = 'DotLayer';
  static override defaultProps = defaultProps;
  declare state: { model?: Model; accumulator?: DotAccumulator; accumulated?: AccumulatedState | null };

  override getShaders() {
    return super.getShaders({ vs, fs, modules: [project32, dotUniforms] });
  }

  override initializeState(): void {
    // Per vertex, not per instance: one vertex is one dot. Positions are lon/lat float32 pairs, the layout the store
    // keeps, so deck.gl uploads the store's array as it is. Declared as deck.gl's usual 64-bit xyz, every update ran a
    // JS loop over all 100k points to widen and split them (1.7 ms of each batch in bench:map), for a precision
    // (float32 lon/lat: under 1 m here) that a 7-pixel dot cannot show.
    this.getAttributeManager()!.add({
      positions: { size: 2, type: 'float32', accessor: 'getPosition' },
      fillColors: { size: 4, type: 'unorm8', accessor: 'getFillColor', defaultValue: [0, 0, 0, 255] },
    });
  }

  override updateState(params: UpdateParameters<this>): void {
    super.updateState(params);
    if (params.changeFlags.extensionsChanged) {
      this.state.model?.destroy();
      this.state.model = new Model(this.context.device, {
        ...this.getShaders(),
        id: this.props.id,
        bufferLayout: this.getAttributeManager()!.getBufferLayouts(),
        topology: 'point-list',
        vertexCount: 0,
      });
      this.getAttributeManager()!.invalidateAll();
    }
  }

  override draw(): void {
    const model = this.state.model;
    if (!model) return;
    const [r, g, b, a] = this.props.lineColor;
    model.shaderInputs.setProps({
      dot: { radiusPixels: this.props.radiusPixels, lineWidthPixels: this.props.lineWidthPixels, lineColor: [r / 255, g / 255, b / 255, (a ?? 255) / 255] },
    });
    const ring = this.props.ring;
    if (!ring) {
      model.setVertexCount(this.getNumInstances());
      model.draw(this.context.renderPass);
      return;
    }
    const [width, height] = this.context.device.getDefaultCanvasContext().getDrawingBufferSize();
    const vp = this.context.viewport;
    const key = [width, height, vp.x, vp.y, vp.width, vp.height, ...vp.viewProjectionMatrix, this.props.radiusPixels, this.props.lineWidthPixels, ...this.props.lineColor, this.props.opacity].join();
    const now = performance.now();
    const plan = planDots(this.state.accumulated ?? null, key, ring, now);
    const ranges = plan.full ? [[0, ring.length] as const] : plan.ranges;
    const acc = (this.state.accumulator ??= new DotAccumulator(this.context.device, width, height));
    if (plan.full || ranges.length) {
      acc.update(width, height, plan.full, (pass) => {
        for (const [from, to] of ranges) {
          if (to <= from) continue;
          model.setDrawOffsets({ firstVertex: from, firstIndex: 0 });
          model.setVertexCount(to - from);
          model.draw(pass);
        }
      });
      model.setDrawOffsets({ firstVertex: 0, firstIndex: 0 });
    }
    this.state.accumulated = afterDraw(this.state.accumulated ?? null, plan, key, ring, now);
    acc.composite(this.context.renderPass);
  }

  override finalizeState(context: Parameters<Layer['finalizeState']>[0]): void {
    super.finalizeState(context);
    this.state.accumulator?.destroy();
  }
}

/** Packed dots: `length` points from reused typed arrays (lon/lat pairs, RGBA bytes), re-uploaded when `version` moves. */
export interface PackedDots {
  length: number;
  positions: Float32Array;
  colors: Uint8Array;
  version: number;
}

/**
 * A DotLayer over packed arrays (binary attributes): deck.gl skips accessor work and copies the arrays into its
 * existing GPU buffers. Each call wraps the SAME arrays in a new `data` object, whose identity tells deck.gl to
 * upload; the version in `updateTriggers` forces it should a future deck.gl compare `data` deeply.
 */
export function packedDotLayer(id: string, dots: PackedDots, look: Pick<DotLayerProps, 'radiusPixels' | 'lineWidthPixels' | 'lineColor' | 'ring'>): DotLayer {
  return new DotLayer({
    id,
    data: {
      length: dots.length,
      attributes: {
        getPosition: { value: dots.positions, size: 2 },
        getFillColor: { value: dots.colors, size: 4 },
      },
    },
    ...look,
    // Nothing on the dots is clickable: no picking pass, no picking-colour buffer.
    pickable: false,
    updateTriggers: { getPosition: dots.version, getFillColor: dots.version },
  });
}
