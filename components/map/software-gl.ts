/**
 * Whether this browser draws WebGL through a software renderer (no GPU, a blocked driver, most VDI and
 * remote-desktop sessions): SwiftShader, llvmpipe, Microsoft's Basic Render Driver. Such a context is either refused
 * under `failIfMajorPerformanceCaveat` or names its renderer (Chromium started with --enable-unsafe-swiftshader does
 * the latter). Probed once per page on a 1×1 canvas whose context is released at once.
 */
const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|basic render/i;
let software: boolean | undefined;

export function isSoftwareWebGL(): boolean {
  if (software !== undefined) return software;
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 1;
  const gl = canvas.getContext('webgl2', { failIfMajorPerformanceCaveat: true });
  if (!gl) return (software = true);
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : '';
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return (software = SOFTWARE_RENDERER.test(renderer));
}
