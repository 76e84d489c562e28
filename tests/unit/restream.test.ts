import { describe, expect, it } from 'vitest';
import { videoHealth } from '@/lib/cameras/video-health';
import { withoutCredentials } from '@/lib/domain/camera';
import { adaptCameraBatch, ZCameraCsvRow } from '@/lib/ingest/adapters/camera-registry';
import { restartDelay } from '@/lib/video/restream/camera-restream';
import { failureReason, isPlaylistWrite, restreamArgs, videoCodecIn } from '@/lib/video/restream/ffmpeg-args';

describe('restream ffmpeg command', () => {
  it('copies H.264 and transcodes anything else, over RTSP/TCP, into 1 s HLS segments numbered from the clock', () => {
    const copy = restreamArgs({ input: 'rtsp://10.1.2.3/s1', dir: '/d/c', segmentSeconds: 1, transcode: false });
    expect(copy.join(' ')).toContain('-rtsp_transport tcp');
    expect(copy.join(' ')).toContain('-c:v copy');
    expect(copy.join(' ')).toContain('-hls_time 1');
    expect(copy.join(' ')).toContain('-hls_start_number_source epoch');
    expect(copy.at(-1)).toBe('/d/c/index.m3u8');
    const tx = restreamArgs({ input: 'rtsp://10.1.2.3/s1', dir: '/d/c', segmentSeconds: 2, transcode: true });
    expect(tx.join(' ')).toContain('-c:v libx264');
    expect(tx.join(' ')).toContain('expr:gte(t,n_forced*2)');
  });

  it('reads the codec and the playlist writes from ffmpeg output', () => {
    expect(videoCodecIn('  Stream #0:0: Video: h264 (High), yuv420p(progressive), 640x360')).toBe('h264');
    expect(videoCodecIn('  Stream #0:0: Video: hevc (Main), yuv420p')).toBe('hevc');
    expect(videoCodecIn('  Stream #0:1: Audio: pcm_mulaw, 8000 Hz')).toBeNull();
    expect(isPlaylistWrite("[hls @ 0x55] Opening '/x/index.m3u8.tmp' for writing")).toBe(true);
    expect(isPlaylistWrite("[hls @ 0x55] Opening '/x/seg-17.ts' for writing")).toBe(false);
  });

  it('tells why without the camera password', () => {
    const url = 'rtsp://admin:s3cret@cam.example.net:554/live';
    const why = failureReason(["[rtsp @ 0x1] method DESCRIBE failed: 401 Unauthorized", `${url}: Server returned 401 Unauthorized (authorization failed)`], url);
    expect(why).toContain('401 Unauthorized');
    expect(why).not.toContain('s3cret');
    expect(why).not.toContain('admin:');
    expect(failureReason([], url)).toBe('the camera did not answer');
    expect(withoutCredentials(url)).toBe('rtsp://cam.example.net:554/live');
  });

  it('backs off 1, 2, 4 … 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 9].map(restartDelay)).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000]);
  });
});

describe('rtsp cameras in the registry', () => {
  const base = { externalId: 'r1', name: 'Market & 5th', lat: 37.78, lon: -122.41 };
  it('accepts rtsp:// as the rtsp kind, with an optional external restreamer', () => {
    const [cam] = adaptCameraBatch({ cameras: [{ ...base, streamUrl: 'rtsp://cam.example.net/live', restreamUrl: 'http://mediamtx:8888/r1/index.m3u8' }] });
    expect(cam).toMatchObject({ streamKind: 'rtsp', restreamUrl: 'http://mediamtx:8888/r1/index.m3u8' });
    const row = ZCameraCsvRow.parse({ external_id: 'c2', name: 'x', lat: '37.7', lon: '-122.4', stream_url: 'rtsps://cam.example.net/s' });
    expect(row.streamKind).toBe('rtsp');
  });

  it('names the field when kind, URL and restreamer disagree', () => {
    const paths = (body: unknown) => {
      try {
        adaptCameraBatch(body);
        return [];
      } catch (err) {
        return ((err as { issues?: { path: string }[] }).issues ?? []).map((i) => i.path);
      }
    };
    expect(paths({ cameras: [{ ...base, streamUrl: 'https://x.example/a.m3u8', streamKind: 'rtsp' }] })).toEqual(['cameras[0].streamKind']);
    expect(paths({ cameras: [{ ...base, streamUrl: 'https://x.example/a.m3u8', restreamUrl: 'http://m:8888/a/index.m3u8' }] })).toEqual(['cameras[0].restreamUrl']);
    expect(paths({ cameras: [{ ...base, streamUrl: 'rtsp://cam/1', restreamUrl: 'rtsp://m/a' }] })).toEqual(['cameras[0].restreamUrl']);
    expect(paths({ cameras: [{ ...base, streamUrl: 'file:///etc/passwd' }] })).toEqual(['cameras[0].streamUrl']);
  });
});

describe('video health', () => {
  const now = Date.parse('2026-12-04T04:00:00Z');
  const at = (s: number) => new Date(now - s * 1000);
  it('is online with a recent frame, offline after a failure, idle when nobody watched lately', () => {
    expect(videoHealth({ hasStream: true, lastFrameAt: at(5), videoError: null, videoErrorAt: null }, now).state).toBe('online');
    expect(videoHealth({ hasStream: true, lastFrameAt: at(5), videoError: 'refused', videoErrorAt: at(1) }, now)).toMatchObject({ state: 'offline', error: 'refused' });
    expect(videoHealth({ hasStream: true, lastFrameAt: at(600), videoError: null, videoErrorAt: null }, now).state).toBe('idle');
    expect(videoHealth({ hasStream: true, lastFrameAt: null, videoError: 'x', videoErrorAt: at(7200) }, now).state).toBe('idle');
    expect(videoHealth({ hasStream: false, lastFrameAt: null, videoError: null, videoErrorAt: null }, now).state).toBe('none');
  });
});
