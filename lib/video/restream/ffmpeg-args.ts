import path from 'node:path';

/**
 * The ffmpeg command of one managed restream: pull the camera's RTSP over TCP (interleaved: one connection, works
 * through NAT and firewalls), keep the first video track, and write short live HLS segments. H.264 is copied as is
 * (no decode, a few % of a core); anything else is transcoded to H.264 once the restreamer has seen the codec.
 * Audio is dropped: tiles play muted, and camera audio (G.711, G.726) is not HLS-playable without a transcode.
 */
export interface RestreamArgs {
  input: string;
  dir: string;
  segmentSeconds: number;
  transcode: boolean;
}

export const PLAYLIST = 'index.m3u8';
export const SEGMENT = /^seg-\d{1,15}\.ts$/;

export function restreamArgs(a: RestreamArgs): string[] {
  const video = a.transcode
    ? ['-c:v', 'libx264', '-preset', 'veryfast', '-tune', 'zerolatency', '-pix_fmt', 'yuv420p', '-force_key_frames', `expr:gte(t,n_forced*${a.segmentSeconds})`]
    : ['-c:v', 'copy'];
  return [
    '-hide_banner', '-nostats', '-nostdin', '-loglevel', 'info',
    // Socket I/O timeout (µs): a camera that stops sending ends the process, and the restreamer restarts it.
    '-rtsp_transport', 'tcp', '-timeout', '8000000', '-i', a.input,
    '-map', '0:v:0', '-an', ...video,
    '-f', 'hls', '-hls_time', String(a.segmentSeconds), '-hls_list_size', '6',
    // Numbers from the clock: a restarted process continues the sequence, so players carry on instead of stalling.
    '-hls_start_number_source', 'epoch', '-hls_flags', 'delete_segments+independent_segments+discont_start+temp_file',
    '-hls_segment_filename', path.join(a.dir, 'seg-%d.ts'), path.join(a.dir, PLAYLIST),
  ];
}

/** The input codec from ffmpeg's stream listing (`Stream #0:0: Video: h264 (High), …`), or null for other lines. */
export function videoCodecIn(line: string): string | null {
  return /Stream #0:\d+.*?: Video: ([A-Za-z0-9_]+)/.exec(line)?.[1] ?? null;
}

/** True when the line is the HLS muxer writing its playlist: a segment is complete, video is flowing. */
export function isPlaylistWrite(line: string): boolean {
  return /\[hls @ [^\]]+\] Opening '.*index\.m3u8(?:\.tmp)?' for writing/.test(line);
}

/** The reason a viewer is told when ffmpeg gives up, from its last error lines, without the camera's credentials. */
export function failureReason(lines: readonly string[], url: string): string {
  const secret = /\/\/([^/@]+)@/.exec(url)?.[1];
  const useful = lines.filter((l) => !/^\s*(Input|Output|Stream|Metadata|Duration|encoder|title|Press)\b/.test(l.trim())).slice(-2);
  let text = useful.join(' · ').replace(/\s+/g, ' ').trim();
  if (secret) text = text.split(secret).join('***');
  text = text.replace(/rtsps?:\/\/[^\s'"]+/gi, (u) => u.replace(/\/\/[^/@]*@/, '//'));
  return text.slice(0, 200) || 'the camera did not answer';
}
